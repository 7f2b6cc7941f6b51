// The published-file layouts (layouts/*.yaml), read when sit is built and embedded as data: the
// module "sit:layouts" (esbuild-options.mjs for the builds, vitest.config.ts for the tests). A new
// layout is a new file in layouts/: nothing lists them.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { sourceModule } from './presets-module.mjs';

export const LAYOUTS_MODULE = 'sit:layouts';

/**
 * `export default [{ file, data }]`: each layout file's YAML as data, checked by its schema
 * (src/io/layout-file.ts) and in the layouts' order, so sit runs no YAML parser and no zod for
 * them. A file the schema refuses fails the build, naming it.
 */
export async function layoutsModule(root) {
  const files = readdirSync(`${root}layouts`)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `layouts/${name}`, data: parse(readFileSync(`${root}layouts/${name}`, 'utf8')) }));
  const { checkedLayoutFiles } = await sourceModule('io/layout-file.ts');
  return `export default ${JSON.stringify(checkedLayoutFiles(files))};`;
}

/** The esbuild plugin that provides "sit:layouts". */
export const layoutsPlugin = (root) => ({
  name: 'sit-layouts',
  setup(build) {
    build.onResolve({ filter: /^sit:layouts$/ }, () => ({ path: 'layouts', namespace: 'sit-layouts' }));
    build.onLoad({ filter: /.*/, namespace: 'sit-layouts' }, async () => ({
      contents: await layoutsModule(root),
      loader: 'js',
      watchFiles: readdirSync(`${root}layouts`).map((name) => `${root}layouts/${name}`),
    }));
  },
});
