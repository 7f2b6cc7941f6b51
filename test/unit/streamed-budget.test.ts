// sit budget and sit report hand their outputs to the writer in parts of bounded size, made as the
// rows are written (issue 13): for 22,000 schools none is one string, and no row is held. Their
// bytes are held to the committed outputs in fixtures/expected (test/e2e/budget.test.ts); the JSON
// writer is held to JSON.stringify here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget } from '../../src/core/budget.js';
import { classify } from '../../src/core/classify.js';
import type { Capacity } from '../../src/core/config.js';
import { budgetContent, schoolsTable } from '../../src/io/budget-output.js';
import { loadConfig } from '../../src/io/config.js';
import { JsonItems, JsonMembers, jsonDocument, jsonParts } from '../../src/io/formats/json.js';
import { CHUNK_CHARS, type Content } from '../../src/io/output.js';
import { tierTable } from '../../src/io/report.js';
import { reportContent } from '../../src/io/report-input.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';
import { FIXTURES } from '../helpers/run-sit.js';
import { DroppedList } from '../../src/core/dropped.js';

const asOf = '2026-09-01';
const SCHOOLS = 20_000;

/** The fixture schools again and again, in 3,000 trusts: a budget the size of a region's. */
function largeBudget() {
  const policy = presetPolicy('dfe-tsio-2023');
  const fixtures = fixtureSchools();
  const schools = Array.from({ length: SCHOOLS }, (_, i) => {
    const s = fixtures[i % fixtures.length];
    return { ...s, urn: 200000 + i, name: `${s.name} ${i}`, fields: { ...s.fields, trust: `Trust ${i % 3000}` } };
  });
  const { placements } = classify(schools, policy, { asOf });
  const capacity = loadConfig({ cwd: FIXTURES }).config.capacity as Capacity[];
  return { policy, placements, result: budget(placements, policy, capacity, null, asOf) };
}

/** The content's parts, checked to be parts (not one string) of at most `most` characters each. */
function boundedParts(content: Content, most: number): string[] {
  expect(typeof content).not.toBe('string');
  expect(content).not.toBeInstanceOf(Uint8Array);
  const parts = [...(content as Iterable<string>)];
  const longest = parts.reduce((a, p) => Math.max(a, p.length), 0);
  expect(longest).toBeLessThanOrEqual(most);
  return parts;
}

describe('a budget of 20,000 schools is written in bounded parts', () => {
  const { policy, placements, result } = largeBudget();
  const display = { color: false };

  for (const [format, view] of [
    ['html', undefined],
    ['md', undefined],
    ['json', undefined],
    ['csv', 'school'],
    ['html', 'trust'],
    ['md', 'trust'],
    ['table', 'trust'],
  ] as const)
    it(`sit budget --format ${format}${view ? ` --by ${view}` : ''}`, async () => {
      const content = await budgetContent(result, policy, asOf, { format, view, display, delivered: null });
      // A row at a time; the terminal's a block of 100 rows drawn at a time.
      const parts = boundedParts(content, format === 'table' ? CHUNK_CHARS : CHUNK_CHARS / 8);
      // Many times the largest part allowed: the output as a whole is never one of them.
      expect(parts.reduce((a, p) => a + p.length, 0)).toBeGreaterThan(2 * CHUNK_CHARS);
      if (format === 'json') expect(JSON.parse(parts.join('')).schools).toHaveLength(SCHOOLS);
    });

  it('sit budget --format json with what a starved team leaves unscheduled, and what is dropped: an item at a time', async () => {
    // A team far too small for England leaves a million unscheduled; JSON.stringify of them all at
    // once held 3.1 GB. Each is a part of its own, as each group of what was dropped is.
    const unscheduled = result.schools.map((s) => ({
      urn: s.urn,
      name: s.name,
      trust: s.trust,
      tier: s.tier,
      activity: 'SI visit',
      activity_id: 'si',
      kind: 'SI' as const,
      term: 1,
      occurrence: '1',
      role: 'School improvement adviser',
      days: 1,
      reason:
        'every School improvement adviser (Sam) is fully booked on the school days from Thu 2026-09-03 to Fri 2026-10-23',
    }));
    const dropped = new DroppedList(
      unscheduled.map((u) => ({ ...u, term: null, date: '2026-10-28', reason: 'in the half term' })),
    );
    const starved = { ...result, unscheduled, dropped };
    const content = await budgetContent(starved, policy, asOf, { format: 'json', display, delivered: null });
    const json = JSON.parse(boundedParts(content, CHUNK_CHARS / 8).join(''));
    expect(json.unscheduled).toHaveLength(SCHOOLS);
    // One group: the schools' URNs in order.
    expect(json.dropped).toEqual([
      {
        activity: 'SI visit',
        activity_id: 'si',
        term: null,
        date: '2026-10-28',
        reason: 'in the half term',
        urns: unscheduled.map((u) => u.urn).sort((a, b) => a - b),
        trusts: [],
      },
    ]);
  });

  for (const format of ['html', 'md', 'json'])
    it(`sit report --format ${format}`, async () => {
      const content = await reportContent({ policy, asOf, placements, budget: result, movements: null }, format);
      const parts = boundedParts(content, CHUNK_CHARS / 8);
      expect(parts.reduce((a, p) => a + p.length, 0)).toBeGreaterThan(2 * CHUNK_CHARS);
    });

  it("the schools' rows are made as they are written, not held in the table", () => {
    for (const table of [schoolsTable(result, policy, asOf, 'file'), tierTable(result, policy)]) {
      expect(Array.isArray(table.rows)).toBe(false);
      // Read twice (the HTML writer reads them for its date columns first), the same rows.
      expect([...table.rows]).toEqual([...table.rows]);
      expect([...table.rows].length).toBeGreaterThanOrEqual(SCHOOLS);
    }
  });
});

/**
 * The value with its arrays and objects `pick` chooses by depth written a part at a time: those
 * nearest the top, as budgetJson's are (one inside a container written whole is refused).
 */
function streamed(value: unknown, pick: (depth: number) => boolean, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => streamed(v, pick, depth + 1));
    return pick(depth) ? new JsonItems(items) : items;
  }
  const members = Object.entries(value).map(([k, v]) => [k, streamed(v, pick, depth + 1)] as const);
  return pick(depth) ? new JsonMembers(members) : Object.fromEntries(members);
}

describe('the JSON writer a part at a time', () => {
  const whole = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const joined = (value: unknown) => [...jsonDocument(value)].join('');

  it('writes what JSON.stringify writes, whichever arrays and objects are streamed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(4), (value, levels) => {
        expect(joined(streamed(value, (depth) => depth < levels))).toBe(whole(value));
        expect(joined(streamed(value, () => true))).toBe(whole(value));
      }),
    );
  });

  it("leaves out an object's undefined and function members and writes an array's as null, as JSON.stringify does", () => {
    const value = { a: undefined, b: [undefined, () => 1, 2], c: () => 0, d: {}, e: [] };
    expect(joined(new JsonMembers(Object.entries(value).map(([k, v]) => [k, v])))).toBe(whole(value));
    expect(joined(new JsonMembers([['b', new JsonItems(value.b)]]))).toBe(whole({ b: value.b }));
    expect(joined(new JsonItems([]))).toBe('[]\n');
    expect(joined(new JsonMembers([['only', undefined]]))).toBe('{}\n');
  });

  it('a value written whole deep inside is indented as JSON.stringify indents it: line breaks in strings, empty arrays and objects, nulls', () => {
    const inner = { text: 'a\nb\r\n', empty: [], none: {}, nil: null, list: [[], [{}], [null, 'x\ny']] };
    const value = { a: [inner, [inner]], b: { c: { d: inner } }, e: ['\n', null, [], {}] };
    expect(joined(streamed(value, () => true))).toBe(whole(value));
    for (let levels = 0; levels < 5; levels++)
      expect(joined(streamed(value, (depth) => depth < levels))).toBe(whole(value));
  });

  it('items are made as they are written, a part each', () => {
    let made = 0;
    const items = (function* () {
      for (let i = 0; i < 3; i++) {
        made++;
        yield { i };
      }
    })();
    const parts = jsonParts(new JsonMembers([['items', new JsonItems(items)]]));
    parts.next();
    expect(made).toBe(0);
    expect([...parts].length).toBeGreaterThan(3);
    expect(made).toBe(3);
  });

  it('a streamed part given to JSON.stringify is refused, not written as {}', () => {
    expect(() => JSON.stringify({ schools: new JsonItems([1]) })).toThrow(/jsonParts/);
    expect(() => JSON.stringify(new JsonMembers([]))).toThrow(/jsonParts/);
  });
});
