// The preset registry is data (issue 16): presets/index.yaml names the shipped presets, their
// order and the default; the build and the tests make it the module `sit:presets`
// (scripts/presets-module.mjs), so a new preset is a YAML file and a line, never code.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PRESET, SHIPPED_TERMS } from '../../src/presets.js';
import { PRESETS } from '../../src/preset-texts.js';
import { TermsSchema } from '../../src/core/terms-schema.js';
import { presetRegistry, presetsModuleCode, presetTextsModuleCode } from '../../scripts/presets-module.mjs';
import { ROOT } from '../helpers/run-sit.js';

const index = parse(readFileSync(`${ROOT}presets/index.yaml`, 'utf8')) as {
  default: string;
  presets: string[];
  terms: string;
};

/** A copy of the presets folder with its own index.yaml, as a root for the registry. */
function rootWith(indexText: string): string {
  const root = `${mkdtempSync(join(tmpdir(), 'sit-registry-'))}/`;
  cpSync(`${ROOT}presets`, `${root}presets`, { recursive: true });
  writeFileSync(`${root}presets/index.yaml`, indexText);
  return root;
}

describe('presets/index.yaml drives the shipped presets', () => {
  it('PRESETS is the list in index.yaml, in its order, each the text of its file; DEFAULT_PRESET its default', () => {
    expect(Object.keys(PRESETS)).toEqual(index.presets);
    for (const name of index.presets) expect(PRESETS[name]).toBe(readFileSync(`${ROOT}presets/${name}.yaml`, 'utf8'));
    expect(DEFAULT_PRESET).toBe(index.default);
    expect(DEFAULT_PRESET).toBe('rlt-categories');
  });

  it('every policy file in presets/ is in the registry (none is shipped by accident or left out)', () => {
    const policies = readdirSync(`${ROOT}presets`)
      .filter((f) => f.endsWith('.yaml'))
      .filter((f) => 'tiers' in (parse(readFileSync(`${ROOT}presets/${f}`, 'utf8')) ?? {}))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect([...policies].sort()).toEqual([...index.presets].sort());
  });

  it('a new preset is a YAML file and its name in the list', async () => {
    const root = rootWith(`default: mine\npresets: [four-tier, mine]\nterms: terms-2026-27\n`);
    writeFileSync(`${root}presets/mine.yaml`, PRESETS['four-tier'].replace('id: four-tier', 'id: mine'));
    const code = await presetsModuleCode(root);
    expect(code).toMatch(/export const PRESET_CONFIGS = \{ "four-tier": "[^\n]*", "mine": "\{\\"id\\":\\"mine\\"/);
    expect(code).toContain('export const DEFAULT_PRESET = "mine";');
    const texts = presetTextsModuleCode(root);
    expect(texts).toContain(`import preset1 from ${JSON.stringify(`${root}presets/mine.yaml`)};`);
    expect(texts).toContain('export const PRESETS = { "four-tier": preset0, "mine": preset1 };');
    expect(texts).toMatch(/export const PRESET_VALUES = \{ "four-tier": "[^\n]*", "mine": "\{\\"id\\":\\"mine\\"/);
  });

  it('SHIPPED_TERMS is the terms: of the file index.yaml names, as the terms schema checks it (so a run on them loads no YAML parser or zod)', () => {
    expect(SHIPPED_TERMS.name).toBe(index.terms);
    const file = parse(readFileSync(`${ROOT}presets/${index.terms}.yaml`, 'utf8')) as { terms: unknown };
    expect(JSON.parse(SHIPPED_TERMS.checked)).toEqual(TermsSchema.parse(file.terms));
    // presets/terms-2026-27.yaml: "Autumn 1, start: 2026-09-03, end: 2026-10-23", six terms, four closures.
    const checked = JSON.parse(SHIPPED_TERMS.checked);
    expect(checked.dates).toHaveLength(6);
    expect(checked.dates[0]).toEqual({ name: 'Autumn 1', start: '2026-09-03', end: '2026-10-23' });
    expect(checked.closures).toHaveLength(4);
  });

  it('shipped terms the terms schema refuses fail the build, naming the file and the date', async () => {
    const root = rootWith('default: four-tier\npresets: [four-tier]\nterms: terms-2026-27\n');
    const file = `${root}presets/terms-2026-27.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('end: 2026-10-23', 'end: 2026-13-23'));
    await expect(presetsModuleCode(root)).rejects.toThrow(`${file}: terms.dates.0.end: expected a date`);
  });

  it.each([
    [
      'default: nope\npresets: [four-tier]\nterms: terms-2026-27\n',
      'default: nope is not one of the presets (four-tier)',
    ],
    [
      'default: four-tier\npresets: [four-tier, four-tier]\nterms: terms-2026-27\n',
      'presets: four-tier is listed twice',
    ],
    ['default: four-tier\npresets: [four-tier, missing]\nterms: terms-2026-27\n', 'presets: no file missing.yaml'],
    [
      'default: four-tier\npresets: [four-tier, ../x]\nterms: terms-2026-27\n',
      'presets.1: a name in lower case, digits and hyphens',
    ],
    ['default: four-tier\npresets: []\nterms: terms-2026-27\n', 'presets:'],
    ['default: four-tier\npresets: [four-tier]\nterms: terms-2026-27\nextra: 1\n', 'extra'],
    ['default: four-tier\npresets: [four-tier]\n', 'terms:'],
    ['default: four-tier\npresets: [four-tier]\nterms: missing\n', 'terms: no file missing.yaml'],
  ])('refuses a wrong registry at build time: %j', (text, message) => {
    const root = rootWith(text);
    expect(() => presetRegistry(root)).toThrow(`${root}presets/index.yaml: `);
    expect(() => presetRegistry(root)).toThrow(message);
  });
});
