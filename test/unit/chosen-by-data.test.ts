// Activities and budget items chosen by school data as well as tier (issue 12 item 6): `when:` is a
// policy condition, its names checked by the same walk as a tier rule's (core/policy-walk.ts,
// core/policy-check.ts), so an unknown fact, threshold, definition or output field is a config
// error (78) naming its line; read on the school as placed (core/choose.ts), each chosen event and
// budget item says why with the school's own values.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { loadConfig } from '../../src/io/config.js';
import { readSchools } from '../../src/io/read-schools.js';
import type { SitError } from '../../src/errors.js';
import { classify } from '../../src/core/classify.js';
import { budget } from '../../src/core/budget.js';
import { calendarSchools, planYear } from '../../src/core/plan.js';
import { termCalendar } from '../../src/core/terms.js';
import { TermsSchema } from '../../src/core/terms-schema.js';

const policy = (when: string) => `id: mine
name: Mine
thresholds:
  small: { value: 210, means: "a small school" }
tiers:
  - { id: high, label: High, level: 2, days: 10, rules: [ { name: x, when: { field: attendance_pct, lt: 90 } } ] }
  - { id: low, label: Low, level: 1, days: 3, default: true }
calendar:
  activities:
    - id: visit
      name: Visit
      kind: QA
      lead: SIA
      terms: [1]
      when: ${when}
`;

function loadError(text: string): SitError {
  const dir = mkdtempSync(join(tmpdir(), 'sit-when-'));
  writeFileSync(join(dir, 'trust.config.yaml'), text);
  try {
    loadConfig({ cwd: dir, config: 'trust.config.yaml' });
  } catch (e) {
    return e as SitError;
  }
  throw new Error('the config loaded');
}

describe("an activity's when: is checked as a tier rule is", () => {
  it('an unknown fact is a config error on its line', () => {
    const e = loadError(policy('{ fact: moon_phase, gt: 2 }'));
    expect(e.exitCode).toBe(78);
    expect(e.message).toMatch(
      /^trust\.config\.yaml:15: calendar\.activities\[0\]\.when\.fact: no fact named "moon_phase"/,
    );
  });
  it('an unknown threshold is a config error on its line', () => {
    const e = loadError(policy('{ field: pupils, lt: $tiny }'));
    expect(e.exitCode).toBe(78);
    expect(e.message).toMatch(
      /^trust\.config\.yaml:15: calendar\.activities\[0\]\.when\.lt: no threshold named "tiny"/,
    );
  });
  it('an unknown definition or output field, nested, is a config error on its line', () => {
    const e = loadError(policy('{ all: [ { field: pupils, lt: $small }, { value: size_band, is: small } ] }'));
    expect(e.exitCode).toBe(78);
    expect(e.message).toMatch(
      /^trust\.config\.yaml:15: calendar\.activities\[0\]\.when\.all\[1\]\.value: no definition or output field named "size_band"/,
    );
  });
  it('an unknown condition key is a config error on its line', () => {
    const e = loadError(policy('{ colour: blue }'));
    expect(e.exitCode).toBe(78);
    expect(e.message).toMatch(/^trust\.config\.yaml:15: calendar\.activities\[0\]\.when/);
  });
  it('known names load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-when-'));
    writeFileSync(join(dir, 'trust.config.yaml'), policy('{ field: pupils, lt: $small }'));
    expect(loadConfig({ cwd: dir, config: 'trust.config.yaml' }).policy.calendar!.activities[0].when).toEqual({
      field: 'pupils',
      lt: '$small',
    });
  });
});

const asOf = '2026-09-01';
const cal = termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));

// Three schools of one trust: a small maintained primary, a large academy, and one whose size is blank.
const csv = `urn,name,phase,trust,attendance_pct,pupils,school_type
100001,Small Primary,primary,Oak Trust,95,180,maintained
100002,Large Academy,secondary,Oak Trust,88,1200,academy
100003,Unknown Size,primary,Oak Trust,95,,academy
`;

const chosenPolicy = `id: mine
name: Mine
thresholds:
  small: { value: 210, means: "a small school" }
fields:
  focus:
    - { value: attendance, tiers: [high] }
    - { value: none }
tiers:
  - { id: high, label: High, level: 2, days: 10, rules: [ { name: Low attendance, when: { field: attendance_pct, lt: 90 } } ] }
  - { id: low, label: Low, level: 1, days: 3, default: true }
calendar:
  activities:
    - { id: la-review, name: LA review, kind: QA, lead: SIA, terms: [2], when: { field: school_type, is: maintained } }
    - { id: attendance, name: Attendance review, kind: SI, lead: SIA, terms: [3], when: { value: focus, is: attendance } }
budget:
  tiers:
    low:
      - { name: Small-school support, days: 2, when: { field: pupils, lt: $small } }
      - { name: Core support, days: 3 }
`;

async function planned() {
  const dir = mkdtempSync(join(tmpdir(), 'sit-chosen-'));
  writeFileSync(join(dir, 'trust.config.yaml'), chosenPolicy);
  writeFileSync(join(dir, 'schools.csv'), csv);
  const { policy } = loadConfig({ cwd: dir, config: 'trust.config.yaml' });
  const data = await readSchools(join(dir, 'schools.csv'), new PassThrough());
  const { placements } = classify(data.schools, policy, { asOf });
  const schedule = planYear(policy, calendarSchools(placements), cal, { asOf });
  return { placements, schedule, result: budget(placements, policy, undefined, schedule, asOf) };
}

describe('chosen by school data as well as tier', () => {
  it("an activity for maintained schools only (a trust's own column): only that school, saying why", async () => {
    const { schedule } = await planned();
    const la = schedule.events.filter((e) => e.activity_id === 'la-review');
    expect(la.map((e) => e.urn)).toEqual([100001]);
    expect(la[0].note).toBe('chosen by its data: school_type is maintained');
  });
  it("an activity reads the tier's output field as placed (focus: attendance is for tier high only)", async () => {
    const { schedule, placements } = await planned();
    expect(placements.map((p) => [p.school.urn, p.tier, p.fields.focus])).toEqual([
      [100001, 'low', 'none'],
      [100002, 'high', 'attendance'],
      [100003, 'low', 'none'],
    ]);
    const att = schedule.events.filter((e) => e.activity_id === 'attendance');
    expect(att.map((e) => [e.urn, e.note])).toEqual([[100002, 'chosen by its data: focus is attendance']]);
  });
  it("a budget item for small schools (pupils below 210): added to that school's days, saying why; a blank size does not choose", async () => {
    const { result } = await planned();
    const school = (urn: number) => result.schools.find((s) => s.urn === urn)!;
    // Small Primary: LA review (1 day) scheduled, plus the stated 2 + 3 days of its tier's items.
    expect(school(100001).items.map((i) => i.name)).toEqual(['Small-school support', 'Core support']);
    expect(school(100001).days).toBe(1 + 2 + 3);
    expect(school(100001).basis).toContain(
      'plus Small-school support: 2 days; chosen by its data: pupils below 210 ("a small school"): 180 (stated, not on the calendar)',
    );
    expect(school(100003).items.map((i) => i.name)).toEqual(['Core support']);
    expect(school(100003).days).toBe(3);
    expect(school(100002).items).toEqual([]);
  });
  it("a budget item's when: is checked as a tier rule is: an unknown fact is a config error on its line", () => {
    const text = chosenPolicy.replace('when: { field: pupils, lt: $small }', 'when: { fact: pupil_count, lt: 210 }');
    const e = loadError(text);
    expect(e.exitCode).toBe(78);
    expect(e.message).toMatch(
      /^trust\.config\.yaml:19: budget\.tiers\.low\[0\]\.when\.fact: no fact named "pupil_count"/,
    );
  });
});
