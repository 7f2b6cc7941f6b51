// Bundles src/ into dist/ with esbuild: an ES module entry that answers --version at once and
// imports the rest in chunks on demand. Presets and templates are embedded as text.
// The new bundle is built beside dist/ and swapped in, so a sit already running keeps working.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { root, shared } from './esbuild-options.mjs';

const dist = `${root}dist`;
const next = `${root}.dist-${process.pid}`;
const old = `${root}.dist-old-${process.pid}`;

await build({
  ...shared,
  splitting: true,
  format: 'esm',
  target: 'node20',
  outdir: next,
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __sitCreateRequire } from 'node:module'; const require = __sitCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The single executables (npm run package) are not rebuilt here: keep them.
for (const exe of ['sit-linux-x64', 'sit.exe'])
  if (existsSync(`${dist}/${exe}`)) renameSync(`${dist}/${exe}`, `${next}/${exe}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
