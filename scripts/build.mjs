// Bundles src/ into dist/ with esbuild: a CommonJS entry (main.cjs) that answers --version at once
// and loads the rest on demand, in chunks, through dist/chunks.cjs, with a V8 code cache for each
// chunk made by running sit on the fixtures (scripts/code-cache.mjs). Presets and templates are
// embedded as text. The new bundle is built beside dist/ and swapped in whole (a sit already
// running may still fail on a chunk it loads later: chunk names change with their contents).
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { root, shared } from './esbuild-options.mjs';

const dist = `${root}dist`;
const next = `${root}.dist-${process.pid}`;
const old = `${root}.dist-old-${process.pid}`;

// What src/main.ts imports on demand, each a chunk main.cjs loads by name.
const onDemand = { cli: 'cli', 'io/std-streams': 'std-streams' };

// 1. The chunks. esbuild splits only ES modules, so they are built as such (named .cjs already)
// and each then made CommonJS: Node 20 keeps no compiled code of an ES module between runs, while
// a CommonJS chunk can be compiled with a code cache (src/chunk-loader.ts); nor does a run then
// set up Node's ES module loader. Each chunk's require of another ("./chunk-X.cjs") is the loader's.
const { metafile } = await build({
  ...shared,
  entryPoints: Object.fromEntries(Object.entries(onDemand).map(([from, name]) => [name, `${root}src/${from}.ts`])),
  entryNames: '[name]',
  outExtension: { '.js': '.cjs' },
  splitting: true,
  format: 'esm',
  target: 'node20',
  outdir: next,
  // The metafile's paths relative to the repository, wherever the build is run from.
  absWorkingDir: root,
  metafile: true,
  logLevel: 'warning',
});
const contents = {};
for (const [file, output] of Object.entries(metafile.outputs)) {
  const name = relative(next, resolve(root, file));
  const esm = readFileSync(`${next}/${name}`, 'utf8');
  // A dynamic import becomes a require in a promise: the chunk is still loaded only when wanted.
  const cjs = await transform(esm, {
    format: 'cjs',
    target: 'node20',
    platform: 'node',
    supported: { 'dynamic-import': false },
    sourcefile: name,
    logLevel: 'warning',
  });
  writeFileSync(`${next}/${name}`, cjs.code);
  // What each chunk holds (the transform drops esbuild's comments that said so): for the tests
  // of what a command loads, and for anyone asking why a chunk is the size it is.
  contents[name] = Object.keys(output.inputs).sort();
}
writeFileSync(`${next}/chunks.json`, `${JSON.stringify(contents, null, 2)}\n`);

// 2. The chunk loader, dist/chunks.cjs.
await build({
  ...shared,
  entryPoints: [`${root}src/chunks.ts`],
  format: 'cjs',
  target: 'node20',
  outfile: `${next}/chunks.cjs`,
  logLevel: 'warning',
});

// 3. The entry, dist/main.cjs (bin/sit.js requires it), is CommonJS: Node starts a CommonJS script
// without setting up its ES module loader, ~8 ms sooner, and `sit --version` needs nothing more
// (start-up within 1.2x of bare Node, SPEC section 8). Every other command loads the chunks.
await build({
  ...shared,
  format: 'cjs',
  target: 'node20',
  outfile: `${next}/main.cjs`,
  plugins: [
    {
      name: 'entry-loads-chunks',
      setup(b) {
        b.onResolve({ filter: /^\.\/.*\.js$/ }, ({ path, importer }) => {
          const from = path.slice(2, -3);
          // resolve(): the same path on Windows, whichever separators esbuild and root use.
          if (resolve(importer) !== resolve(root, 'src', 'main.ts') || !(from in onDemand)) return undefined;
          return { path: onDemand[from], namespace: 'sit-chunk' };
        });
        b.onResolve({ filter: /^\.\/chunks\.cjs$/ }, ({ path }) => ({ path, external: true }));
        b.onLoad({ filter: /.*/, namespace: 'sit-chunk' }, ({ path }) => ({
          contents: `module.exports = require('./chunks.cjs').loadChunk(${JSON.stringify(path)});`,
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
});
// Each on-demand chunk must be loaded, not bundled into the entry (which has not the plugins for it).
const entry = readFileSync(`${next}/main.cjs`, 'utf8');
for (const name of Object.values(onDemand))
  if (!entry.includes(`loadChunk(${JSON.stringify(name)})`))
    throw new Error(`build: dist/main.cjs does not load the chunk ${name}`);

// 4. The code caches: sit run on the fixtures, in a Node of its own started as bin/sit.js starts it.
const caching = spawnSync(process.execPath, [`${root}scripts/code-cache.mjs`, next], { encoding: 'utf8' });
if (caching.status !== 0) throw new Error(`build: making the code caches failed:\n${caching.stderr}`);
const cached = readdirSync(next).filter((file) => file.endsWith('.code-cache')).length;
if (cached === 0) throw new Error('build: no code cache was made');

// The single executables (npm run package) are not rebuilt here: keep them.
for (const exe of ['sit-linux-x64', 'sit.exe'])
  if (existsSync(`${dist}/${exe}`)) renameSync(`${dist}/${exe}`, `${next}/${exe}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
