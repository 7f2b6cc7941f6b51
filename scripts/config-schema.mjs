// Writes schema/trust.config.schema.json (or the path given) from the zod schema (src/core/config-schema.ts), bundled
// with the options every build shares (the presets and layouts modules included: the schema's
// module reaches them). test/unit/config-schema.test.ts fails when the file is stale.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, shared } from './esbuild-options.mjs';

const out = `${root}.schema-${process.pid}.mjs`;
await build({
  ...shared,
  entryPoints: [`${root}src/core/config-schema.ts`],
  format: 'esm',
  target: 'node20',
  outfile: out,
  logLevel: 'warning',
});
try {
  const { configJsonSchema } = await import(pathToFileURL(out).href);
  // A path given writes there instead (the test of this script writes to a temporary folder).
  const target = process.argv[2] ?? `${root}schema/trust.config.schema.json`;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
} finally {
  rmSync(out, { force: true });
}
