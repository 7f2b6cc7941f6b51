// Bundles src/ into dist/ with esbuild: a CommonJS entry (main.cjs) that answers --version at once
// and imports the rest, ES modules in chunks, on demand. Presets and templates are embedded as text.
// The new bundle is built beside dist/ and swapped in whole (a sit already running may still fail
// on a chunk it imports later: chunk names change with their contents).
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { root, shared } from './esbuild-options.mjs';

const dist = `${root}dist`;
const next = `${root}.dist-${process.pid}`;
const old = `${root}.dist-old-${process.pid}`;

// What src/main.ts imports on demand, each an ES module under a name main.cjs can find it by.
const onDemand = { cli: 'cli', 'io/std-streams': 'std-streams' };
await build({
  ...shared,
  entryPoints: Object.fromEntries(Object.entries(onDemand).map(([from, name]) => [name, `${root}src/${from}.ts`])),
  entryNames: '[name]',
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
// The entry, dist/main.cjs (bin/sit.js requires it), is CommonJS: Node starts a CommonJS script
// without setting up its ES module loader, ~8 ms sooner, and `sit --version` needs nothing more
// (start-up within 1.2x of bare Node, SPEC section 8). Every other command imports the ES modules.
await build({
  ...shared,
  format: 'cjs',
  target: 'node20',
  outfile: `${next}/main.cjs`,
  plugins: [
    {
      name: 'entry-imports-on-demand',
      setup(b) {
        b.onResolve({ filter: /^\.\/.*\.js$/ }, ({ path, importer }) => {
          const from = path.slice(2, -3);
          // resolve(): the same path on Windows, whichever separators esbuild and root use.
          if (resolve(importer) !== resolve(root, 'src', 'main.ts') || !(from in onDemand)) return undefined;
          return { path: `./${onDemand[from]}.js`, external: true };
        });
      },
    },
  ],
  logLevel: 'warning',
});
// Each on-demand module must be imported, not bundled into the entry (which has not the plugins for it).
const entry = readFileSync(`${next}/main.cjs`, 'utf8');
for (const name of Object.values(onDemand))
  if (!entry.includes(`import("./${name}.js")`)) throw new Error(`build: dist/main.cjs does not import ./${name}.js`);
// The single executables (npm run package) are not rebuilt here: keep them.
for (const exe of ['sit-linux-x64', 'sit.exe'])
  if (existsSync(`${dist}/${exe}`)) renameSync(`${dist}/${exe}`, `${next}/${exe}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
