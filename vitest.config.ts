import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error: a plain script, no types
import { LAYOUTS_MODULE, layoutsModule } from './scripts/layout-files.mjs';
import {
  PRESET_TEXTS_MODULE,
  PRESETS_MODULE,
  presetsModuleCode,
  presetTextsModuleCode,
} from './scripts/presets-module.mjs';
import { ISOLATED_TESTS } from './test/helpers/isolated-tests.js';

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

// The published-file layouts (layouts/*.yaml) as data, checked, as the build embeds them.
const layoutFiles: Plugin = {
  name: 'sit-layouts',
  enforce: 'pre',
  resolveId: (id) => (id === LAYOUTS_MODULE ? `\0${LAYOUTS_MODULE}` : undefined),
  load: async (id) =>
    id === `\0${LAYOUTS_MODULE}` ? await layoutsModule(fileURLToPath(new URL('.', import.meta.url))) : undefined,
};

// The preset registry, as the build makes it (scripts/esbuild-options.mjs).
const presetRegistry: Plugin = {
  name: 'sit-presets',
  resolveId: (id) => (id === PRESETS_MODULE || id === PRESET_TEXTS_MODULE ? `\0${id}` : undefined),
  load: async (id) => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    if (id === `\0${PRESETS_MODULE}`) return await presetsModuleCode(root);
    if (id === `\0${PRESET_TEXTS_MODULE}`) return presetTextsModuleCode(root);
    return undefined;
  },
};

// What both projects below share. globalSetup (the build, the run's TMPDIR) is the root's alone:
// in a project it would run once for each project as well as for the root.
const shared = {
  plugins: [textFiles, binaryFiles, layoutFiles, presetRegistry],
  test: {
    // A guard against a hang, not a measure: the machine is shared, and a test that spawns sit
    // can wait its turn for a core for many seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    // Through the plugins above, not Node's loader, which cannot import .wasm or .ttf files.
    server: { deps: { inline: [/\.(wasm|ttf)$/] } },
  },
};

export default defineConfig({
  test: {
    // Builds dist/ once for the run (the end-to-end tests spawn bin/sit.js), and one TMPDIR.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Speed on a 2-core machine (issue 16: npm test under 2 minutes). Two workers even on 2 cores:
    // much of a test's time is spent waiting on a child process or the browser (vitest's default
    // is cores - 1).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        ...shared,
        test: {
          ...shared.test,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: Object.keys(ISOLATED_TESTS),
          // A worker runs many files without re-importing sit and its dependencies for each (no
          // test here mocks a module or leaves a global changed; a test that fakes the clock
          // restores it), and shares one Chromium (test/helpers/browser.ts: sharedChromium).
          isolate: false,
        },
      },
      // The files that need modules of their own, each in a fresh worker (test/helpers/isolated-tests.ts).
      { ...shared, test: { ...shared.test, name: 'isolated', include: Object.keys(ISOLATED_TESTS), isolate: true } },
    ],
  },
});
