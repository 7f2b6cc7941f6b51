// presets/README.md sets each preset beside its source and lists every choice it makes (issue 11):
// its tiers section is generated from the presets, and must be regenerated when a preset changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { BEGIN, END, generated, presetSection } from '../../scripts/presets-readme.mjs';

const readme = readFileSync(new URL('../../presets/README.md', import.meta.url), 'utf8');

describe('presets/README.md', () => {
  it('has the tiers section the presets generate now (run: node scripts/presets-readme.mjs)', () => {
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(section).toBe(String((generated as () => string)()));
    expect(section.endsWith(END)).toBe(true);
  });

  it("lists every choice of a preset, numbered, and shows each as sit's choice beside the source", () => {
    const yaml = [
      'id: x',
      'name: X',
      'source: "S"',
      'thresholds: { t: { value: 1, means: m, source: "T", choice: "one point" } }',
      'tiers:',
      '  - { id: a, label: A, level: 2, days: 3, days_source: "3 days", rules: [{ name: R, source: "Q", choice: "read so", when: { field: f, is: x } }] }',
      '  - { id: b, label: B, level: 1, days: { not_stated: n }, days_choice: "none stated", default: true, choice: "the rest" }',
    ].join('\n');
    const section = (presetSection as (n: string, y: string) => string)('four-tier', yaml);
    expect(section).toContain('| `a` | R | "Q" | sit\'s choice: read so |');
    expect(section).toContain('| `t` | 1 | "T" | sit\'s choice: one point |');
    expect(section).toContain('Every choice this preset makes (4):');
    expect(section).toMatch(
      /1\. tier b: the rest\n2\. tier b, days: none stated\n3\. tier a, rule "R": read so\n4\. threshold t = 1: one point/,
    );
  });

  it('keeps a marked section for the cadences and calendar activities', () => {
    expect(readme).toContain('## Cadences and calendar activities');
  });
});
