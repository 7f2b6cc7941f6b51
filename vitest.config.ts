import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error: a plain script, no types
import { LAYOUTS_MODULE, layoutsModule } from './scripts/layout-files.mjs';
import { PRESETS_MODULE, presetsModuleCode } from './scripts/presets-module.mjs';

// Presets and templates are imported as text, as esbuild's text loader does in the build.
const textFiles: Plugin = {
  name: 'sit-text-files',
  transform(code, id) {
    if (/\.(yaml|html|md)$/.test(id)) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

// The chart renderer and its fonts are imported as bytes, as esbuild's binary loader does.
const binaryFiles: Plugin = {
  name: 'sit-binary-files',
  enforce: 'pre',
  load(id) {
    const path = id.replace(/\?.*$/, '');
    if (!/\.(wasm|ttf)$/.test(path)) return undefined;
    return {
      code: `export default new Uint8Array(Buffer.from(${JSON.stringify(readFileSync(path).toString('base64'))}, 'base64'));`,
      map: null,
    };
  },
};

// The published-file layouts (layouts/*.yaml) as data, as the build embeds them.
const layoutFiles: Plugin = {
  name: 'sit-layouts',
  enforce: 'pre',
  resolveId: (id) => (id === LAYOUTS_MODULE ? `\0${LAYOUTS_MODULE}` : undefined),
  load: (id) =>
    id === `\0${LAYOUTS_MODULE}` ? layoutsModule(fileURLToPath(new URL('.', import.meta.url))) : undefined,
};

// The preset registry, as the build makes it (scripts/esbuild-options.mjs).
const presetRegistry: Plugin = {
  name: 'sit-presets',
  resolveId: (id) => (id === PRESETS_MODULE ? `\0${PRESETS_MODULE}` : undefined),
  load: async (id) =>
    id === `\0${PRESETS_MODULE}` ? await presetsModuleCode(fileURLToPath(new URL('.', import.meta.url))) : undefined,
};

export default defineConfig({
  plugins: [textFiles, binaryFiles, layoutFiles, presetRegistry],
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ once for the run (the end-to-end tests spawn bin/sit.js), and one TMPDIR.
    globalSetup: ['test/helpers/global-setup.ts'],
    // A guard against a hang, not a measure: the machine is shared, and a test that spawns sit
    // can wait its turn for a core for many seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Speed on a 2-core machine (issue 16: npm test under 2 minutes). A worker runs many files
    // without re-importing sit and its dependencies for each (no test leaves
    // globals changed; a test that fakes the clock restores it), and shares one Chromium
    // (test/helpers/browser.ts: sharedChromium). Two workers even on 2 cores: much of a test's
    // time is spent waiting on a child process or the browser. Vitest's default is cores - 1.
    pool: 'forks',
    isolate: true, // log.test.ts mocks @inquirer (its vitest screen); unisolated, the mock leaked into later files in the worker and hung them
    maxWorkers: Math.max(2, availableParallelism()),
    // Through the plugins above, not Node's loader, which cannot import .wasm or .ttf files.
    server: { deps: { inline: [/\.(wasm|ttf)$/] } },
  },
});
