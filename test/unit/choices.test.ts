// A preset's own choices (a threshold, a reading the source leaves open) are shown as "sit's
// choice", apart from the source's words, by `sit explain` and the WFAP (issue 11).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { buildPlan } from '../../src/core/wfap.js';
import { wfapForm } from '../../src/io/wfap-form.js';
import { explanationJson, explanationTable, explanationText } from '../../src/io/explanation.js';
import { planView, renderDoc } from '../../src/io/wfap-render.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

const asOf = '2026-09-01';
const policy = presetPolicy('equals-categories');
// Ivybridge: Good after Outstanding, category 2b by sit's reading of "in decline".
const ivybridge = classify(fixtureSchools(), policy, { asOf }).placements.find((p) => p.school.urn === 100009)!;
const DECLINE = "a fall from Outstanding to Good is sit's reading of decline, not the source's";

describe('sit explain', () => {
  it("prints each rule's source in quotes and its choice as sit's, on separate lines", () => {
    const text = explanationText(ivybridge, policy, asOf, false);
    const lines = text.split('\n');
    const source = lines.findIndex(
      (l) => l.trim() === 'source: "These schools have previously been judged to be \'good\' but are in decline"',
    );
    expect(source).toBeGreaterThan(0);
    expect(lines[source + 1].trim()).toMatch(
      /^sit's choice: .*a fall from Outstanding to Good is sit's reading of decline/,
    );
    // The placement's own choices head the explanation, and the days' source line is quoted.
    expect(lines.slice(0, 6).join('\n')).toContain(`sit's choice: `);
    expect(text).toContain('Days in the source: "Up to 5 days"');
    // A source line never carries a choice.
    for (const l of lines.filter((x) => x.trim().startsWith('source:'))) expect(l).not.toMatch(/sit's|choice/);
  });

  it('gives the choices in JSON and in the table subtitle', () => {
    const json = explanationJson(ivybridge, policy, asOf) as {
      choices: string[];
      tiers: { tier: string; rules: { rule: string; source: string | null; choice: string | null }[] }[];
    };
    expect(json.choices.join(' ')).toContain(DECLINE);
    const rule = json.tiers.find((t) => t.tier === '2b')!.rules[0];
    expect(rule.source).toBe("These schools have previously been judged to be 'good' but are in decline");
    expect(rule.choice).toContain(DECLINE);
    expect(explanationTable(ivybridge, policy, asOf).subtitle!.join('\n')).toContain(`sit's choice: `);
  });
});

describe('the WFAP', () => {
  it('shows the choices behind the placement as "sit\'s choice", in Markdown and HTML', () => {
    const plan = buildPlan(ivybridge, policy, {}, { asOf, kpis: wfapForm().default_kpis });
    expect(plan.tier.choices.join(' ')).toContain(DECLINE);
    expect(planView(plan).tier.choices[0]).toMatch(/^sit's choice: /);
    for (const format of ['md', 'html']) {
      const out = renderDoc(plan, format);
      expect(out).toContain('Policy choice');
      expect(out).toMatch(/sit(&#39;|&#x27;|')s choice: a Good school is in decline/);
    }
  });
});
