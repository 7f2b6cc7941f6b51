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
