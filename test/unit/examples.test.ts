// The two worked examples under examples/: real public policies that are not presets, written
// as a trust (or authority) writes trust.config.yaml. Hand-made schools, each answer tied to the
// line of the policy that makes it right.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/io/config.js';
import { classify } from '../../src/core/classify.js';
import { schools } from '../helpers/schools.js';
import { explanationText } from '../../src/io/explanation.js';

const asOf = '2026-09-01';

const load = (dir: string) => loadConfig({ cwd: process.cwd(), config: `examples/${dir}/trust.config.yaml` }).policy;

describe('examples/four-stages-nine-areas: 3-18 Education Trust, Four Stages of Improvement', () => {
  const policy = load('four-stages-nine-areas');
  const areas = (leadership: string, curriculum: string, teaching: string, achievement: string, behaviour: string) => ({
    leadership,
    curriculum,
    teaching_and_learning: teaching,
    achievement,
    behaviour,
  });
  const place = (row: Record<string, string>) =>
    classify(schools([{ urn: '200001', name: 'A', ...row }]), policy, { asOf }).placements[0];

  it('Leadership Causing Concern ("Unstable leadership ...") is Causing Concern overall', () => {
    expect(place(areas('causing concern', 'secure', 'secure', 'secure', 'secure')).tier).toBe('causing-concern');
  });
  it('two areas Causing Concern is Causing Concern (choice); one is Attention Needed', () => {
    expect(place(areas('secure', 'causing concern', 'secure', 'causing concern', 'secure')).tier).toBe(
      'causing-concern',
    );
    expect(place(areas('secure', 'causing concern', 'secure', 'secure', 'secure')).tier).toBe('attention-needed');
  });
  it("explain shows a definition's source quote and, apart, the policy's own choice", () => {
    const text = explanationText(
      place(areas('secure', 'causing concern', 'secure', 'causing concern', 'secure')),
      policy,
      asOf,
      false,
    );
    expect(text).toContain(
      "yes  two or more areas Causing Concern:\n             choice (the policy's, not the source's): Causing Concern overall when two or more areas",
    );
    expect(text).toContain(
      'no   Leadership is Causing Concern:\n             source: Unstable leadership and inability',
    );
  });
  it('every part the source leaves open is a choice: the roll-up (its diagram is a picture) and the five of nine areas rated', () => {
    // Every definition that rolls areas up says so as the file's choice, and explain shows it as one.
    const rollUps = Object.entries(policy.definitions ?? {}).filter(([, d]) => JSON.stringify(d).includes('"count"'));
    expect(rollUps.map(([name]) => name).sort()).toEqual([
      'mostly_strong',
      'two_areas_causing_concern',
      'weakness_in_an_area',
    ]);
    for (const [, d] of rollUps) expect(d.choice).toMatch(/Five of the source's nine areas are rated in this file/);
    const text = explanationText(
      place(areas('secure', 'secure', 'attention needed', 'secure', 'secure')),
      policy,
      asOf,
      false,
    );
    expect(text).toContain("choice (the policy's, not the source's): Attention Needed overall when any area");
  });
  it('"attention needed" due to weaknesses in specific areas: one area Attention Needed, explained in one line', () => {
    const p = place(areas('secure', 'secure', 'attention needed', 'secure', 'secure'));
    expect(p.tier).toBe('attention-needed');
    expect(p.reasons).toEqual([
      'Weaknesses in specific areas: an area Causing Concern or Attention Needed: at least 1 of these 5: 1 of 5 hold (teaching_and_learning is causing concern or attention needed: attention needed)',
    ]);
  });
  it('Strong: "Strong strategic leadership" and three of five areas Strong (choice); two Strong is Secure', () => {
    expect(place(areas('strong', 'strong', 'strong', 'secure', 'secure')).tier).toBe('strong');
    expect(place(areas('strong', 'strong', 'secure', 'secure', 'secure')).tier).toBe('secure');
    expect(place(areas('secure', 'strong', 'strong', 'strong', 'secure')).tier).toBe('secure'); // leadership not Strong
  });
  it('a blank area that could change the stage needs data, naming it; a typo is a data error with its line', () => {
    expect(place(areas('secure', 'secure', 'secure', 'secure', ''))).toMatchObject({
      tier: null,
      missing: ['behaviour'],
    });
    const result = classify(
      schools([{ urn: '200001', name: 'A', ...areas('secrue', 'secure', 'secure', 'secure', 'secure') }]),
      policy,
      { asOf },
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'leadership',
        message: expect.stringContaining('"secrue" is not a declared value of leadership'),
      }),
    ]);
  });
});

describe('examples/la-four-categories: Vale of Glamorgan, national categorisation', () => {
  const policy = load('la-four-categories');
  const place = (group: string, capacity: string) =>
    classify(schools([{ urn: '300001', name: 'A', standards_group: group, improvement_capacity: capacity }]), policy, {
      asOf,
    }).placements[0];

  it('"standards groups, 1-4" and "four groups, A-D": the weaker step decides (choice)', () => {
    expect(
      [
        place('4', 'A'),
        place('1', 'D'),
        place('3', 'B'),
        place('2', 'C'),
        place('2', 'B'),
        place('1', 'B'),
        place('1', 'A'),
      ].map((p) => p.tier),
    ).toEqual(['red', 'red', 'amber', 'amber', 'yellow', 'yellow', 'green']);
  });
  it('Red says why: "trigger the \'all-Wales common school causing concern\' arrangements"', () => {
    const p = place('4', 'A');
    expect(p.reasons[0]).toMatch(
      /^Causing concern \(the weaker step is group 4 or D\): standards group 4 or ability to improve D: standards group \(step one\) is 4: 4/,
    );
  });
  it('a blank step needs data when it could decide; not when the other step already decides Red', () => {
    expect(place('', 'C')).toMatchObject({ tier: null, missing: ['standards_group'] });
    expect(place('', 'D').tier).toBe('red');
  });
});
