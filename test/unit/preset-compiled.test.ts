// The shipped presets are read and checked once, when sit is built (scripts/presets-module.mjs):
// at run time a preset is JSON, with no YAML parser and no zod (issue 13). What the build made
// must be exactly what reading the YAML and checking it gives, key order included, or a preset
// would place schools differently from the file a trust copies with `sit init`.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESET_CONFIGS } from '../../src/presets.js';
import { PRESET_VALUES, PRESETS } from '../../src/preset-texts.js';
import { SETTINGS_KEYS, TrustConfigSchema, TrustSettingsShape, policyOf } from '../../src/core/config.js';
import { loadConfig, parseYamlText } from '../../src/io/config.js';
import { configLoader, loadShipped } from '../../src/io/config-loader.js';
import { compiledPresets } from '../../scripts/presets-module.mjs';
import { ROOT } from '../helpers/run-sit.js';

const names = Object.keys(PRESETS);
const yamlValue = (name: string) => parseYamlText(PRESETS[name], `preset ${name}`).value;

function configDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sit-compiled-'));
  writeFileSync(join(dir, 'trust.config.yaml'), text);
  return dir;
}

const SETTINGS = `schools: schools.csv
capacity:
  - { name: Alex Morgan, role: CEO, days_per_year: 60 }
  - { name: Sam Okafor, role: School improvement adviser, days_per_term: 15 }
card: { close_within: 2 }
`;

describe('each shipped preset, compiled at build time', () => {
  it('covers every preset, in the registry order', () => {
    expect(Object.keys(PRESET_VALUES)).toEqual(names);
    expect(Object.keys(PRESET_CONFIGS)).toEqual(names);
  });

  it.each(names)('%s: its value is the YAML parsed, and its config the value checked by the schema', (name) => {
    const value = yamlValue(name);
    expect(JSON.parse(PRESET_VALUES[name])).toStrictEqual(value);
    const checked = TrustConfigSchema.parse(value);
    expect(JSON.parse(PRESET_CONFIGS[name])).toStrictEqual(checked);
    expect(PRESET_CONFIGS[name]).toBe(JSON.stringify(checked));
  });

  it.each(names)('%s with a trust config of settings: the same config as checking the two together', (name) => {
    const cwd = configDir(SETTINGS);
    const settings = parseYamlText(SETTINGS, 'trust.config.yaml').value;
    const expected = TrustConfigSchema.parse({ ...yamlValue(name), ...settings });
    for (const loaded of [loadConfig({ cwd, preset: name }), loadConfig({ cwd, defaultPreset: name })]) {
      expect(JSON.stringify(loaded.config)).toBe(JSON.stringify(expected));
      expect(loaded.config).toStrictEqual(expected);
      expect(JSON.stringify(loaded.policy)).toBe(JSON.stringify(policyOf(expected)));
    }
  });

  it.each(names)('%s with no config file: loaded without config.ts, as the schema checks it', async (name) => {
    const cwd = mkdtempSync(join(tmpdir(), 'sit-no-config-'));
    expect(await configLoader({ cwd })).toBe(loadShipped);
    const expected = TrustConfigSchema.parse(yamlValue(name));
    for (const request of [
      { cwd, preset: name },
      { cwd, defaultPreset: name },
    ]) {
      const loaded = loadShipped(request);
      expect(JSON.stringify(loaded.config)).toBe(JSON.stringify(expected));
      expect(loaded.config).toStrictEqual(expected);
      expect(JSON.stringify(loaded.policy)).toBe(JSON.stringify(policyOf(expected)));
      expect(loaded).toMatchObject({ file: null, display: null, dir: cwd, policySource: `preset ${name}` });
      expect(loaded.policyIsDefault).toBe(request.preset === undefined);
      expect(loadConfig(request)).toStrictEqual(loaded);
    }
  });

  it('with a config file, or --config, the config is loaded by config.ts', async () => {
    const cwd = configDir(SETTINGS);
    expect(await configLoader({ cwd })).toBe(loadConfig);
    expect(await configLoader({ cwd: mkdtempSync(join(tmpdir(), 'sit-no-config-')), config: 'x.yaml' })).toBe(
      loadConfig,
    );
  });

  it('a preset sit does not ship is the same usage error with a config file or without', () => {
    const message = `no preset named "nope"; the presets are: ${names.join(', ')} (see sit presets)`;
    expect(() => loadShipped({ cwd: '/', preset: 'nope' })).toThrow(message);
    expect(() => loadConfig({ cwd: configDir(SETTINGS), preset: 'nope' })).toThrow(message);
  });

  it("the trust's setting keys are those of the settings schema, in its order", () => {
    expect(SETTINGS_KEYS).toEqual(Object.keys(TrustSettingsShape));
  });

  it('each load gets its own objects: changing one policy does not change the next', () => {
    const first = loadConfig({ cwd: '/', preset: 'four-tier' }).policy;
    first.tiers[0].label = 'changed';
    expect(loadConfig({ cwd: '/', preset: 'four-tier' }).policy.tiers[0].label).not.toBe('changed');
  });

  it('a setting that is wrong beside a preset is reported at its line in the config, --preset or not', () => {
    const cwd = configDir(`schools: schools.csv\ncapacity:\n  - { name: Alex Morgan, role: CEO }\n`);
    for (const preset of [undefined, 'four-tier'])
      expect(() => loadConfig({ cwd, preset })).toThrow(
        'trust.config.yaml:3: capacity[0]: give one of days_per_year or days_per_term',
      );
    // The setting is the trust's, in its file: "preset four-tier: ...: missing" sent people to the preset.
    const typed = configDir(`capacity:\n  - { name: A, role: CEO, days_per_year: lots }\n`);
    for (const preset of [undefined, 'four-tier'])
      expect(() => loadConfig({ cwd: typed, preset })).toThrow(
        'trust.config.yaml:2: capacity[0].days_per_year: expected a number (found "lots")',
      );
  });

  it('a config that changes a policy key beside the default preset is checked whole, as before', () => {
    const cwd = configDir('name: Our own name for it\n');
    const loaded = loadConfig({ cwd });
    expect(loaded.policy.name).toBe('Our own name for it');
    expect(loaded.policy.id).toBe('rlt-categories');
  });

  it('the build refuses a preset the schema refuses, naming its file', async () => {
    const root = `${mkdtempSync(join(tmpdir(), 'sit-compiled-'))}/`;
    mkdirSync(`${root}presets`);
    writeFileSync(`${root}presets/broken.yaml`, PRESETS['four-tier'].replace(/^id: four-tier$/m, 'id: 7'));
    await expect(compiledPresets(root, ['broken'])).rejects.toThrow(`${root}presets/broken.yaml: id:`);
    await expect(compiledPresets(ROOT, ['four-tier'])).resolves.toHaveLength(1);
  });
});
