// Writes schema/trust.config.schema.json from the zod schema (src/core/config-schema.ts), bundled
// with esbuild as the build does. test/unit/config-schema.test.ts fails when the file is stale.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}.schema-${process.pid}.mjs`;
await build({
  entryPoints: [`${root}src/core/config-schema.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: out,
  loader: { '.yaml': 'text', '.html': 'text', '.md': 'text' },
  logLevel: 'warning',
});
try {
  const { configJsonSchema } = await import(pathToFileURL(out).href);
  mkdirSync(`${root}schema`, { recursive: true });
  writeFileSync(`${root}schema/trust.config.schema.json`, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
} finally {
  rmSync(out, { force: true });
}
