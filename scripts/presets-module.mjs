// The preset registry as a module, `sit:presets`, for the build (esbuild: scripts/esbuild-options.mjs)
// and the tests (vitest.config.ts): presets/index.yaml names the shipped presets and the default,
// checked here against its schema, and the module embeds the text of each preset it names, so a
// new preset is a YAML file and a line of data, never code.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const PRESETS_MODULE = 'sit:presets';

/** A preset's name is its file name, and what --preset and `extends:` take. */
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const Index = z
  .object({
    default: z.string(),
    presets: z.array(z.string().regex(NAME, 'a name in lower case, digits and hyphens, as its file is named')).min(1),
  })
  .strict();

/** The registry in presets/index.yaml under `root`, checked: names unique, each a file, the default one of them. */
export function presetRegistry(root) {
  const file = `${root}presets/index.yaml`;
  const fail = (what) => {
    throw new Error(`${file}: ${what}`);
  };
  const parsed = Index.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    fail(parsed.error.issues.map((i) => `${i.path.join('.') || '(the file)'}: ${i.message}`).join('; '));
  const { presets, default: fallback } = parsed.data;
  const twice = presets.find((name, i) => presets.indexOf(name) !== i);
  if (twice) fail(`presets: ${twice} is listed twice`);
  for (const name of presets) if (!existsSync(`${root}presets/${name}.yaml`)) fail(`presets: no file ${name}.yaml`);
  if (!presets.includes(fallback)) fail(`default: ${fallback} is not one of the presets (${presets.join(', ')})`);
  return { file, presets, default: fallback };
}

/** The module's source: PRESETS (name -> YAML text, in the registry's order) and DEFAULT_PRESET. */
export function presetsModuleCode(root) {
  const registry = presetRegistry(root);
  const path = (name) => JSON.stringify(`${root}presets/${name}.yaml`);
  return [
    ...registry.presets.map((name, i) => `import preset${i} from ${path(name)};`),
    `export const PRESETS = { ${registry.presets.map((name, i) => `${JSON.stringify(name)}: preset${i}`).join(', ')} };`,
    `export const DEFAULT_PRESET = ${JSON.stringify(registry.default)};`,
    '',
  ].join('\n');
}
