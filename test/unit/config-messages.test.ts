// Config problems in plain words: one line each, with the file, line and setting, saying what to
// write instead (not zod's "Too big: expected number to be <=6", not a cascade of parser errors).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/io/config.js';
import { indentSlip } from '../../src/io/yaml-slips.js';
import type { SitError } from '../../src/errors.js';

function problems(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sit-config-'));
  writeFileSync(join(dir, 'trust.config.yaml'), text);
  try {
    loadConfig({ cwd: dir, config: 'trust.config.yaml' });
  } catch (error) {
    return (error as SitError).lines;
  }
  throw new Error('the config loaded');
}

const policy = (tier: string) => `id: t
name: T
tiers:
${tier}
  - { id: low, label: Low, level: 1, days: 1, default: true }
`;

describe('a YAML slip is one line saying what to write', () => {
  it('one setting indented 3 spaces among settings at 4', () => {
    expect(problems('extends: four-tier\ntiers:\n  - id: grow\n    label: Grow\n   days: 4\n')).toEqual([
      'trust.config.yaml:5: "days: 4" is indented 3 spaces, out of line with the settings around it: indent it 4 spaces, like "label: Grow" on line 4',
    ]);
  });
  it('a setting of a list item written at the level of its "-"', () => {
    expect(problems('capacity:\n  - role: SIA\n    days_per_year: 20\n  - role: DoE\n  days_per_year: 30\n')).toEqual([
      'trust.config.yaml:5: "days_per_year: 30" is indented 2 spaces, out of line with the settings around it: indent it 4 spaces, like "role: DoE" on line 4',
    ]);
  });
  it('a tab, a setting given twice, an unclosed list', () => {
    expect(problems('schools: a.csv\n\tkpis: []\n')).toEqual([
      'trust.config.yaml:2: a tab indents this line; YAML needs spaces: replace the tab with spaces',
    ]);
    expect(problems('schools: a.csv\nschools: b.csv\n')).toEqual([
      'trust.config.yaml:2: "schools" is set twice in the same block; delete one of them',
    ]);
    expect(problems('extends: four-tier\nnotes: [\n  a: 1\nschools: x.csv\n')).toHaveLength(1);
  });
  it('finds no slip in any shipped preset or config', () => {
    const files = [
      ...readdirSync('presets')
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join('presets', f)),
      'fixtures/trust.config.yaml',
      'trust.config.yaml',
    ];
    for (const file of files) expect([file, indentSlip(readFileSync(file, 'utf8'))]).toEqual([file, null]);
  });
});

describe('a wrong value says what to write', () => {
  it('numbers out of range, with what was found', () => {
    expect(
      problems(
        policy(
          '  - { id: a, label: A, level: 2, days: -1, rules: [{ name: r, when: { field: urn, present: true } }] }',
        ),
      ),
    ).toEqual(['trust.config.yaml:4: tiers[0].days: expected a number 0 or more (found -1)']);
  });
  it('a list of the wrong length, a word for a number, a choice misspelt, a setting left out', () => {
    expect(problems('extends: four-tier\nbudget:\n  term_weeks: [7, 7, 6, 5, 7, 6, 3]\n')).toEqual([
      'trust.config.yaml:3: budget.term_weeks: expected exactly 6 items (found 7 items)',
    ]);
    expect(
      problems(
        policy(
          '  - { id: a, label: A, level: two, days: 1, rules: [{ name: r, when: { field: urn, present: true } }] }',
        ),
      ),
    ).toEqual(['trust.config.yaml:4: tiers[0].level: expected a number (found "two")']);
    expect(
      problems('extends: four-tier\nbudget:\n  tiers:\n    grow:\n      - { name: x, days: 1, per: scohol }\n'),
    ).toEqual(['trust.config.yaml:5: budget.tiers.grow[0].per: expected one of school, trust (found "scohol")']);
    expect(
      problems(policy('  - { id: a, level: 2, days: 1, rules: [{ name: r, when: { field: urn, present: true } }] }')),
    ).toEqual(['trust.config.yaml:4: tiers[0].label: missing: add "label:" with text']);
  });
  it("over a preset it extends, the place is the trust's own line, not the merged list's", () => {
    expect(problems('extends: four-tier\ntiers:\n  - id: grow\n    days_per_term: -1\n')).toEqual([
      'trust.config.yaml:4: tiers[0].days_per_term: expected a number 0 or more (found -1)',
    ]);
  });
});
