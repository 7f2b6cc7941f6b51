import { defineConfig, type Plugin } from 'vitest/config';

// Presets and templates are imported as text, as esbuild's text loader does in the build.
const textFiles: Plugin = {
  name: 'sit-text-files',
  transform(code, id) {
    if (/\.(yaml|html|md)$/.test(id)) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

export default defineConfig({
  plugins: [textFiles],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
  },
});
