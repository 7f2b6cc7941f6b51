// extends: a config over a preset or another config file merges tiers, rules and calendar
// activities by id, so a trust changes one rule without copying the rest.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/io/config.js';
import { mergeExtends } from '../../src/core/merge.js';

const base = `
id: base
name: Base policy
tiers:
  - id: high
    label: High
    level: 3
    days: 10
    rules:
      - { id: inadequate, name: Inadequate, when: { field: ofsted_overall, is: Inadequate } }
      - { name: Low attendance, when: { field: attendance_pct, lt: 90 } }
  - id: mid
    label: Mid
    level: 2
    days: 5
    rules:
      - { name: Requires improvement, when: { field: ofsted_overall, is: RI } }
  - { id: low, label: Low, level: 1, days: 1, default: true }
`;

function load(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'sit-extends-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadConfig({ cwd: dir, config: 'trust.config.yaml' });
}

describe('extends merges by id', () => {
  it('changes one rule (by id, or by name) and one tier setting; everything else stays', () => {
    const { policy } = load({
      'base.yaml': base,
      'trust.config.yaml': `extends: base.yaml
tiers:
  - id: high
    days: 12
    rules:
      - { name: Low attendance, when: { field: attendance_pct, lt: 88 } }
`,
    });
    expect(policy.id).toBe('base');
    expect(policy.tiers.map((t) => [t.id, t.days])).toEqual([
      ['high', 12],
      ['mid', 5],
      ['low', 1],
    ]);
    expect(policy.tiers[0].rules!.map((r) => [r.name, r.when])).toEqual([
      ['Inadequate', { field: 'ofsted_overall', is: 'Inadequate' }],
      ['Low attendance', { field: 'attendance_pct', lt: 88 }],
    ]);
  });
  it('adds a rule at the end of its tier, a new tier before the default, and removes one', () => {
    const { policy } = load({
      'base.yaml': base,
      'trust.config.yaml': `extends: base.yaml
tiers:
  - id: high
    rules:
      - { id: inadequate, remove: true }
      - { name: Safeguarding, when: { field: safeguarding_effective, is: no } }
  - { id: watch, label: Watch, level: 2, days: 2, rules: [{ name: Falling attendance, when: { field: attendance_pct, lt: 94 } }] }
`,
    });
    expect(policy.tiers.map((t) => t.id)).toEqual(['high', 'mid', 'watch', 'low']);
    expect(policy.tiers[0].rules!.map((r) => r.name)).toEqual(['Low attendance', 'Safeguarding']);
  });
  it('extends a preset by its fixed tier ids (SPEC section 2)', () => {
    const { policy } = load({ 'trust.config.yaml': 'extends: four-tier\ntiers:\n  - { id: grow, days: 3 }\n' });
    expect(policy.tiers.map((t) => t.id)).toEqual(['stabilise', 'reinvent', 'lead', 'grow']);
    expect(policy.tiers.find((t) => t.id === 'grow')!.days).toBe(3);
    expect(policy.tiers.find((t) => t.id === 'stabilise')!.rules!.length).toBeGreaterThan(0);
  });
  it('removing what is not there, or an item without an id, is a config error at its line', () => {
    expect(() =>
      load({ 'base.yaml': base, 'trust.config.yaml': 'extends: base.yaml\ntiers:\n  - { id: nope, remove: true }\n' }),
    ).toThrow('trust.config.yaml:3: tiers[0]: remove: nothing with id "nope" to remove in what this extends');
    expect(() =>
      load({ 'base.yaml': base, 'trust.config.yaml': 'extends: base.yaml\ntiers:\n  - { label: No id }\n' }),
    ).toThrow('trust.config.yaml:3: tiers[0]: each item here needs an id');
  });
  it('a loop of configs extending each other is a config error', () => {
    expect(() => load({ 'a.yaml': 'extends: trust.config.yaml\n', 'trust.config.yaml': 'extends: a.yaml\n' })).toThrow(
      'extends this file again (a loop)',
    );
  });
  it('other lists are replaced whole, and settings merge key by key', () => {
    expect(
      mergeExtends(
        { notes: ['a', 'b'], thresholds: { x: { value: 1, means: 'x' } } },
        { notes: ['c'], thresholds: { y: { value: 2, means: 'y' } } },
      ),
    ).toEqual({ notes: ['c'], thresholds: { x: { value: 1, means: 'x' }, y: { value: 2, means: 'y' } } });
  });
});
