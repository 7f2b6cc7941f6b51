// Bundles src/ into dist/ with esbuild: an ES module entry that answers --version at once and
// imports the rest in chunks on demand. Presets and templates are embedded as text.
// The new bundle is built beside dist/ and swapped in, so a sit already running keeps working.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const next = `${root}.dist-${process.pid}`;
const old = `${root}.dist-old-${process.pid}`;

await build({
  entryPoints: [`${root}src/main.ts`],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: next,
  loader: { '.yaml': 'text', '.html': 'text', '.md': 'text' },
  // sit --version answers from this, without loading a chunk (start-up, SPEC section 8).
  define: { SIT_VERSION: JSON.stringify(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version) },
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __sitCreateRequire } from 'node:module'; const require = __sitCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
// The single executable (npm run package) is not rebuilt here: keep it.
if (existsSync(`${dist}/sit-linux-x64`)) renameSync(`${dist}/sit-linux-x64`, `${next}/sit-linux-x64`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
