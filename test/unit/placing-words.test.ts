// Placing words only what it shows (issue 13): a placed school's reasons come from `say` (the words
// of the parts that decided) and a school that needs data names its fields from `needs`, never from
// a full evaluation of every rule. Both must be exactly what the full evaluation (the one `sit
// explain` shows) gives, for every rule of every preset on every kind of school.
import { describe, expect, it } from 'vitest';
import { classify, compilePolicy, placeSchool } from '../../src/core/classify.js';
import { findSchool } from '../../src/io/find-school.js';
import type { Evaluator } from '../../src/core/conditions.js';
import { trustSizes, type FactContext } from '../../src/core/facts.js';
import { toSchools, type SchoolRecord } from '../../src/core/school.js';
import { parseDate, parseDateOrYear } from '../../src/core/values.js';
import { PRESETS } from '../../src/preset-texts.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';
// @ts-expect-error: a plain script, no types
import { schoolRows } from '../../scripts/gen-schools.mjs';

const HEADER =
  'urn,name,phase,trust,local_authority,ofsted_overall,ofsted_date,previous_ofsted_overall,previous_ofsted_date,ofsted_category,attendance_pct,persistent_absence_pct,attainment_pct,progress_score,disadvantaged_gap_pp,suspension_rate_pct,permanent_exclusions,staff_turnover_pct,headteacher_start,leadership_capacity,safeguarding_effective,governance_effective,last_peer_review,last_external_review,finance_concern,override_tier,override_reason';

/** Generated schools (scripts/gen-schools.mjs: blanks, every grade and capacity) beside the fixtures. */
function schools(): SchoolRecord[] {
  const rows = [...(schoolRows(600) as Iterable<string>)].map((line, i) => ({
    line: i + 2,
    cells: line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
  }));
  const generated = toSchools(HEADER.split(','), rows);
  expect(generated.problems).toEqual([]);
  return [...fixtureSchools(), ...fixtureSchools('schools-2025.csv'), ...generated.schools];
}

const all = schools();
const asOf = '2026-09-01';

describe.each(Object.keys(PRESETS))('%s', (preset) => {
  const policy = presetPolicy(preset);
  const compiled = compilePolicy(policy);
  const ctx: FactContext = { asOf, trustSizes: trustSizes(all) };
  const evaluators: Evaluator[] = [
    ...compiled.tiers.flatMap((t) => t.rules.map((r) => r.evaluate)),
    ...compiled.defaultReasons.map((r) => r.evaluate),
    ...compiled.fields.flatMap(([, values]) => values.flatMap((v) => (v.evaluate ? [v.evaluate] : []))),
  ];

  it('every rule says and needs what its full evaluation gives, with the same outcome as its test', () => {
    let compared = 0;
    for (const school of all)
      for (const evaluate of evaluators) {
        const full = evaluate(school, ctx);
        expect(evaluate.test(school, ctx)).toBe(full.outcome);
        expect(evaluate.say(school, ctx)).toBe(full.text);
        expect(evaluate.needs(school, ctx)).toEqual(full.missing);
        compared++;
      }
    expect(compared).toBe(all.length * evaluators.length);
  });

  it('a school that needs data names the fields its trace names, and the trace is worked out when read', () => {
    let needing = 0;
    for (const school of all) {
      const placement = placeSchool(compiled, school, ctx);
      if (placement.tier !== null) continue;
      needing++;
      const fromTrace: string[] = [];
      for (const t of placement.trace) {
        if (t.outcome === true) break;
        if (t.outcome === null) fromTrace.push(...t.rules.flatMap((r) => r.evaluation.missing));
      }
      expect(placement.missing).toEqual([...new Set(fromTrace)]);
    }
    expect(needing).toBeGreaterThan(0);
  });
});

describe('dates of ten characters (YYYY-MM-DD, DD/MM/YYYY)', () => {
  it('are read by the quick path exactly as by the full one (a leading space takes the full one)', () => {
    const samples = ['2024-03-12', '2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '0100-01-01', '2100-01-01'];
    for (let i = 0; i < 5000; i++) {
      const y = 1890 + ((i * 37) % 220);
      const m = (i * 7) % 14;
      const d = (i * 13) % 33;
      samples.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
    const uk = samples.map((iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
    for (const raw of [...samples, ...uk, '01/01/1900', '02/01/1900', '1900-01-01']) {
      expect(parseDate(raw)).toEqual(parseDate(` ${raw}`));
      expect(parseDateOrYear(raw)).toEqual(parseDateOrYear(` ${raw}`));
    }
  });
});

describe('placements are worked out when read', () => {
  /** The fixture schools, each counting the reads of a field that only placing reads. */
  function counted() {
    const reads = new Map<number, number>();
    const schools = fixtureSchools().map((school) => ({
      ...school,
      fields: new Proxy(school.fields, {
        get(target, key, receiver) {
          if (key === 'leadership_capacity') reads.set(school.urn, (reads.get(school.urn) ?? 0) + 1);
          return Reflect.get(target, key, receiver);
        },
      }),
    }));
    return { schools, reads };
  }

  it('sit explain places only the school it finds (only:); its placement is the one classify gives it', () => {
    const { schools, reads } = counted();
    const policy = presetPolicy('rlt-categories');
    const found = findSchool(
      schools.map((school) => ({ school })),
      '100004',
      'schools.csv',
    ).school;
    expect(reads.size).toBe(0);
    const { placements, problems } = classify(schools, policy, { asOf, only: (s) => s === found });
    expect(problems).toEqual([]);
    expect(placements.map((p) => p.school.urn)).toEqual([100004]);
    expect([...reads.keys()]).toEqual([100004]);
    // The same keys, values and trace as placing it among all the schools (a trust's size counts them all).
    const all = classify(schools, policy, { asOf }).placements[3];
    expect(JSON.stringify(placements[0])).toBe(JSON.stringify(all));
    expect(placements[0].trace).toEqual(all.trace);
  });

  it('a problem in any row is still found before any school is placed', () => {
    const { schools, reads } = counted();
    const bad = { ...schools[5], fields: { ...schools[5].fields, ofsted_date: '2099-01-01' } };
    reads.clear(); // copying the row read it
    const result = classify([...schools.slice(0, 5), bad, ...schools.slice(6)], presetPolicy('rlt-categories'), {
      asOf,
    });
    expect(result.placements).toEqual([]);
    expect(result.problems.map((p) => p.column)).toEqual(['ofsted_date']);
    expect(reads.size).toBe(0);
  });
});
