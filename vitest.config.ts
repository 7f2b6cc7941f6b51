import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

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

export default defineConfig({
  plugins: [textFiles, binaryFiles],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    // Through the plugins above, not Node's loader, which cannot import .wasm or .ttf files.
    server: { deps: { inline: [/\.(wasm|ttf)$/] } },
  },
});
