// The esbuild options every build of sit shares: the npm build (scripts/build.mjs, ES modules in
// chunks) and the single executables (scripts/package.mjs, one CommonJS file). Each adds only
// what its output format needs, so the two cannot embed different files or versions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layoutsPlugin } from './layout-files.mjs';
import { PRESET_TEXTS_MODULE, presetRegistry, presetsModuleCode, presetTextsModuleCode } from './presets-module.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;

export const shared = {
  entryPoints: [`${root}src/main.ts`],
  bundle: true,
  platform: 'node',
  // Presets and templates are embedded as text; the chart renderer (WebAssembly) and its font as bytes.
  loader: { '.yaml': 'text', '.html': 'text', '.md': 'text', '.wasm': 'binary', '.ttf': 'binary' },
  // sit --version answers from this, without loading a chunk (start-up, SPEC section 8).
  define: { SIT_VERSION: JSON.stringify(version) },
  legalComments: 'none',
  // The published-file layouts (layouts/*.yaml) as data: the module "sit:layouts"; the preset registry.
  plugins: [
    layoutsPlugin(root),
    {
      // commander loads node:child_process (and with it net and stream) at start, to spawn the
      // executable subcommands sit has none of: it gets child_process when it spawns instead.
      name: 'commander-spawn-on-demand',
      setup(build) {
        build.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
          /[\\/]node_modules[\\/]commander[\\/]/.test(importer)
            ? { path: 'child_process', namespace: 'commander-spawn-on-demand' }
            : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'commander-spawn-on-demand' }, () => ({
          contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
          loader: 'js',
        }));
      },
    },
    {
      // cli-table3 measures every cell again and again (string-width, which strips colour codes by
      // strip-ansi, which compiles ansi-regex's pattern afresh on every call): a table of 2,000
      // schools took 2.7 s, most of it compiling that one expression. Both are pure, so sit's bundle
      // gets each remembered (scripts/shims/): the same widths, the expression compiled once.
      name: 'measure-once',
      setup(build) {
        build.onResolve({ filter: /^(ansi-regex|string-width)$/ }, ({ path }) => ({
          path: `${root}scripts/shims/${path}.cjs`,
        }));
      },
    },
    {
      // The preset registry (presets/index.yaml) and the presets it names: each as its value already
      // checked (src/presets.ts), and as text and YAML value (src/preset-texts.ts).
      name: 'sit-presets',
      setup(build) {
        build.onResolve({ filter: /^sit:preset(s|-texts)$/ }, ({ path }) => ({ path, namespace: 'sit-presets' }));
        build.onLoad({ filter: /.*/, namespace: 'sit-presets' }, async ({ path }) => {
          const registry = presetRegistry(root);
          return {
            contents: path === PRESET_TEXTS_MODULE ? presetTextsModuleCode(root) : await presetsModuleCode(root),
            resolveDir: root,
            loader: 'js',
            watchFiles: [
              registry.file,
              ...[...registry.presets, registry.terms].map((name) => `${root}presets/${name}.yaml`),
            ],
          };
        });
      },
    },
  ],
};
