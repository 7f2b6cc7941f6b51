// A budget costs the year's events as they were placed, with no million events sorted first
// (issue 13: speed): a schedule is put in calendar order only when first read in order
// (EventStore.sortWhenRead). Every figure and text must be the one calendar order gives: each
// school's days by term and activity (sums exact in any order when every day is a whole number of
// 1/1024ths), its activities in the order calendar order first meets them, and a trust's own events
// likewise. Days that are not (a third of a day) are summed in calendar order, as before.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { budget } from '../../src/core/budget.js';
import { classify } from '../../src/core/classify.js';
import type { Capacity } from '../../src/core/config.js';
import type { Policy } from '../../src/core/policy.js';
import { calendarSchools, planYear } from '../../src/core/plan.js';
import type { EventStore } from '../../src/core/schedule-events.js';
import { TermsSchema } from '../../src/core/terms-schema.js';
import { termCalendar } from '../../src/core/terms.js';
import { loadConfig } from '../../src/io/config.js';
import { showNumber } from '../../src/core/display.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';
import { FIXTURES } from '../helpers/run-sit.js';

const asOf = '2026-09-01';
const schools = fixtureSchools();
const cal = termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const team = loadConfig({ cwd: FIXTURES }).config.capacity as Capacity[];

/** The budget of a fresh schedule, costed as placed or put in calendar order first. */
function costed(policy: Policy, capacity: Capacity[] | undefined, inOrderFirst: boolean, letGo = false) {
  const { placements } = classify(schools, policy, { asOf });
  const schedule = planYear(policy, calendarSchools(placements), cal, { asOf, capacity });
  if (inOrderFirst) schedule.store.putInOrder();
  const result = budget(placements, policy, capacity, schedule, asOf, { letGo });
  return { result, store: schedule.store };
}

/** Each school's activities in the order the store's columns meet them, as they stand. */
function firstMet(store: EventStore): Map<number, string[]> {
  const order = new Map<number, string[]>();
  for (let i = 0; i < store.length; i++) {
    const kind = store.kinds[store.kind[i]];
    const urn = store.owners[store.owner[i]].urn;
    if (urn === null || kind.days === 0) continue;
    const seen = order.get(urn) ?? [];
    if (!seen.includes(kind.activity)) seen.push(kind.activity);
    order.set(urn, seen);
  }
  return order;
}

describe('a budget costs the events as placed, as calendar order would', () => {
  for (const preset of ['four-tier', 'rlt-categories', 'equals-categories', 'ult-core-second-tier'])
    for (const capacity of [team, undefined])
      it(`${preset}, ${capacity ? "the fixtures' team" : 'no capacity'}: the same budget, and no sort made`, () => {
        const policy = presetPolicy(preset);
        const asPlaced = costed(policy, capacity, false);
        const inOrder = costed(policy, capacity, true);
        // Costed as placed: the store was not sorted for it.
        expect(asPlaced.store.inOrder).toBe(false);
        expect(asPlaced.result).toEqual(inOrder.result);
      });

  it("costed and let go (budget's letGo): the same budget, every person's demand too, and the events' bytes gone", () => {
    const policy = presetPolicy('four-tier');
    const kept = costed(policy, team, false);
    const gone = costed(policy, team, false, true);
    expect(gone.store.length).toBe(0);
    expect(kept.store.length).toBeGreaterThan(0);
    expect(gone.result.capacity?.byPerson.length).toBeGreaterThan(0);
    expect(gone.result).toEqual(kept.result);
  });

  it("each school's scheduled events in words are its own, read from its events in calendar order", () => {
    // Schools alike share their lines (costedEvents' patterns): each must still read its own.
    const days = (n: number) => `${showNumber(n)} day${n === 1 ? '' : 's'}`;
    for (const preset of ['four-tier', 'rlt-categories', 'equals-categories', 'ult-core-second-tier']) {
      const policy = presetPolicy(preset);
      const { placements } = classify(schools, policy, { asOf });
      const schedule = planYear(policy, calendarSchools(placements), cal, { asOf, capacity: team });
      const bySchool = new Map<number, Map<string, { n: number; days: number }>>();
      const total = new Map<number, number>();
      for (const e of schedule.events) {
        if (e.urn === null || e.days === 0) continue;
        const mine = bySchool.get(e.urn) ?? new Map();
        const a = mine.get(e.activity) ?? { n: 0, days: 0 };
        mine.set(e.activity, { n: a.n + 1, days: a.days + e.days });
        bySchool.set(e.urn, mine);
        total.set(e.urn, (total.get(e.urn) ?? 0) + e.days);
      }
      const result = budget(placements, policy, team, schedule, asOf);
      for (const s of result.schools) {
        const mine = bySchool.get(s.urn);
        const lines = mine ? [...mine].map(([name, a]) => `${a.n} x ${name} = ${days(a.days)}`) : [];
        const text = `scheduled: ${lines.length ? lines.join(', ') : 'no events'} (${days(total.get(s.urn) ?? 0)})`;
        expect(s.basis, `${preset} ${s.urn}`).toContain(text);
      }
    }
  });

  it('the fixtures place activities out of calendar order, so the first-met order is tested', () => {
    const { placements } = classify(schools, presetPolicy('four-tier'), { asOf });
    const schedule = planYear(presetPolicy('four-tier'), calendarSchools(placements), cal, { asOf, capacity: team });
    const placed = firstMet(schedule.store);
    schedule.store.putInOrder();
    const calendar = firstMet(schedule.store);
    const differ = [...placed].filter(([urn, names]) => names.join('|') !== calendar.get(urn)?.join('|'));
    expect(differ.length).toBeGreaterThan(0);
  });

  it('days that are not whole 1/1024ths (a third of a day) are summed in calendar order', () => {
    const policy = structuredClone(presetPolicy('four-tier'));
    for (const a of policy.calendar!.activities) if (a.type === 'meeting') a.time = 1 / 3;
    const asPlaced = costed(policy, team, false);
    const inOrder = costed(policy, team, true);
    expect(asPlaced.store.inOrder).toBe(true);
    expect(asPlaced.result).toEqual(inOrder.result);
  });
});
