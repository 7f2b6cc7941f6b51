// The preset registry as a module, `sit:presets`, for the build (esbuild: scripts/esbuild-options.mjs)
// and the tests (vitest.config.ts): presets/index.yaml names the shipped presets and the default,
// checked here against its schema, and the module embeds the text of each preset it names, so a
// new preset is a YAML file and a line of data, never code. Each preset is also read and checked
// here, once, by the config schema itself (src/core/config.ts, bundled for the purpose): the module
// carries the result as JSON, so sit parses no preset YAML and runs no zod for a shipped preset.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { z } from 'zod';

export const PRESETS_MODULE = 'sit:presets';
/** The presets' YAML texts and values: what a config file, `sit presets` and `sit init` read. */
export const PRESET_TEXTS_MODULE = 'sit:preset-texts';

/** A preset's name is its file name, and what --preset and `extends:` take. */
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const Index = z
  .object({
    default: z.string(),
    presets: z.array(z.string().regex(NAME, 'a name in lower case, digits and hyphens, as its file is named')).min(1),
    terms: z.string().regex(NAME, 'a name in lower case, digits and hyphens, as its file is named'),
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
  const { presets, default: fallback, terms } = parsed.data;
  const twice = presets.find((name, i) => presets.indexOf(name) !== i);
  if (twice) fail(`presets: ${twice} is listed twice`);
  for (const name of presets) if (!existsSync(`${root}presets/${name}.yaml`)) fail(`presets: no file ${name}.yaml`);
  if (!presets.includes(fallback)) fail(`default: ${fallback} is not one of the presets (${presets.join(', ')})`);
  if (!existsSync(`${root}presets/${terms}.yaml`)) fail(`terms: no file ${terms}.yaml`);
  return { file, presets, default: fallback, terms };
}

/**
 * A module of sit's source (a path under src/, beside this script), bundled and loaded: what the
 * build checks the embedded data by (the config schema, the layout file schema).
 */
export async function sourceModule(path) {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL(`../src/${path}`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = bundled.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** A shipped preset's YAML value (presets/NAME.yaml under `root`), as sit reads a config's. */
const presetFileValue = (root, name) => parse(readFileSync(`${root}presets/${name}.yaml`, 'utf8')) ?? {};

/**
 * Each shipped preset under `root` read as sit reads a config (its YAML value) and checked by the config schema
 * (its value as every command uses it). A preset the schema refuses fails the build, naming it.
 */
export async function compiledPresets(root, names) {
  const { TrustConfigSchema } = await sourceModule('core/config.ts');
  return names.map((name) => {
    const file = `${root}presets/${name}.yaml`;
    const value = presetFileValue(root, name);
    const checked = TrustConfigSchema.safeParse(value);
    if (!checked.success)
      throw new Error(
        `${file}: ${checked.error.issues.map((i) => `${i.path.join('.') || '(the file)'}: ${i.message}`).join('; ')}`,
      );
    return { name, value, checked: checked.data };
  });
}

/**
 * The shipped terms (presets/NAME.yaml, its `terms:`) as sit reads a config's, checked by the
 * terms schema: what a run uses when trust.config.yaml sets no terms. A file the schema refuses
 * fails the build, naming it.
 */
export async function compiledTerms(root, name) {
  const { TermsSchema } = await sourceModule('core/terms-schema.ts');
  const file = `${root}presets/${name}.yaml`;
  const checked = TermsSchema.safeParse(parse(readFileSync(file, 'utf8'))?.terms);
  if (!checked.success)
    throw new Error(
      `${file}: ${checked.error.issues.map((i) => `${['terms', ...i.path].join('.')}: ${i.message}`).join('; ')}`,
    );
  return checked.data;
}

/**
 * The source of `sit:presets`, what a run on a shipped preset needs (the config schema's and the
 * terms schema's checks done here, once): PRESET_CONFIGS (name -> the value checked by the config
 * schema, as JSON text, in the registry's order), DEFAULT_PRESET and SHIPPED_TERMS (the shipped
 * terms' name, and their value checked by the terms schema, as JSON text). JSON text, parsed when
 * used: each use gets its own objects, and JSON.parse is far cheaper than the YAML parser and the
 * schema. The texts are a module of their own (presetTextsModuleCode): a run with no config file
 * does not load them (start-up, SPEC section 8).
 */
export async function presetsModuleCode(root) {
  const registry = presetRegistry(root);
  const compiled = await compiledPresets(root, registry.presets);
  const configs = compiled.map((p) => `${JSON.stringify(p.name)}: ${JSON.stringify(JSON.stringify(p.checked))}`);
  return [
    `export const PRESET_CONFIGS = { ${configs.join(', ')} };`,
    `export const DEFAULT_PRESET = ${JSON.stringify(registry.default)};`,
    `export const SHIPPED_TERMS = ${JSON.stringify({ name: registry.terms, checked: JSON.stringify(await compiledTerms(root, registry.terms)) })};`,
    '',
  ].join('\n');
}

/**
 * The source of `sit:preset-texts`: PRESETS (name -> YAML text, in the registry's order) and
 * PRESET_VALUES (name -> the YAML's value, as JSON text: what a config that extends one merges with).
 */
export function presetTextsModuleCode(root) {
  const registry = presetRegistry(root);
  const path = (name) => JSON.stringify(`${root}presets/${name}.yaml`);
  const values = registry.presets.map(
    (name) => `${JSON.stringify(name)}: ${JSON.stringify(JSON.stringify(presetFileValue(root, name)))}`,
  );
  return [
    ...registry.presets.map((name, i) => `import preset${i} from ${path(name)};`),
    `export const PRESETS = { ${registry.presets.map((name, i) => `${JSON.stringify(name)}: preset${i}`).join(', ')} };`,
    `export const PRESET_VALUES = { ${values.join(', ')} };`,
    '',
  ].join('\n');
}
