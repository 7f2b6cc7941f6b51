// sit diff's movements made as they are written (issue 13): each kind against hand-checked
// cases, the counts known before the first movement is made, and every format written in pieces
// of bounded size with the bytes the one-string writers give for the movements in an array.
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { DiffEntries } from '../../src/core/diff-entries.js';
import { diff, movements, type DiffEntry } from '../../src/core/diff.js';
import type { LoadedConfig } from '../../src/io/config.js';
import type { Compared } from '../../src/io/diff-input.js';
import { diffContent, diffJson, diffTable, sidesLine } from '../../src/io/diff-output.js';
import { csvLines } from '../../src/io/formats/csv.js';
import { htmlPage } from '../../src/io/formats/html.js';
import { markdownLines } from '../../src/io/formats/markdown.js';
import { contentText, emit } from '../../src/io/output.js';
import { toJson } from '../../src/io/render.js';
import { presetPolicy } from '../helpers/fixtures.js';

// rlt-categories: A is level 1 (least support), B 2, C 3, D 4.
const policy = presetPolicy('rlt-categories');
const e = (urn: number, tier: string | null, days: number | null, reasons: string[], name = `School ${urn}`) =>
  ({ urn, name, tier, days, reasons }) as DiffEntry;

describe('movements, hand-checked', () => {
  const old = DiffEntries.of(
    [
      e(6, 'B', 5, ['Lost: x']), // left
      e(1, 'A', 12, ['Kept: 1']),
      e(2, 'D', 20, ['Old rule: y']),
      e(3, 'B', null, ['Kept: 2']),
      e(4, 'C', 15, ['Was: z']),
      e(5, null, null, ['Needs data: ofsted_overall']),
      e(8, 'A', 12, ['Kept: 1'], 'Old name'),
    ],
    (urn) => urn !== 8,
  );
  const now = DiffEntries.of([
    e(7, 'C', 15, ['Joined: w']), // joined
    e(1, 'C', 15, ['Kept: 1', 'New rule: q']), // up A -> C
    e(2, 'A', 12, ['New rule: q']), // down D -> A
    e(3, 'B', 5, ['Kept: 2']), // same, days now stated
    e(4, null, null, ['Needs data: attendance_pct']), // newly needing data
    e(5, 'B', 5, ['Placed: v']), // placed after needing data
    e(8, 'A', 12, ['Kept: 1'], 'New name'),
  ]);
  const list = movements(old, now, policy);

  it('makes each kind with its tiers, days and reason, in order of URN', () => {
    expect([...list.movements]).toEqual([
      {
        urn: 1,
        name: 'School 1',
        oldTier: 'A',
        newTier: 'C',
        oldDays: 12,
        newDays: 15,
        daysChange: 3,
        kind: 'up',
        reason: 'now: New rule: q',
      },
      {
        urn: 2,
        name: 'School 2',
        oldTier: 'D',
        newTier: 'A',
        oldDays: 20,
        newDays: 12,
        daysChange: -8,
        kind: 'down',
        reason: 'now: New rule: q | no longer: Old rule: y',
      },
      {
        urn: 3,
        name: 'School 3',
        oldTier: 'B',
        newTier: 'B',
        oldDays: null,
        newDays: 5,
        daysChange: null,
        kind: 'same',
        reason: '',
      },
      {
        urn: 4,
        name: 'School 4',
        oldTier: 'C',
        newTier: null,
        oldDays: 15,
        newDays: null,
        daysChange: null,
        kind: 'needs-data',
        reason: 'Needs data: attendance_pct',
      },
      {
        urn: 5,
        name: 'School 5',
        oldTier: null,
        newTier: 'B',
        oldDays: null,
        newDays: 5,
        daysChange: null,
        kind: 'placed',
        reason: 'now: Placed: v | no longer: Needs data: ofsted_overall',
      },
      {
        urn: 6,
        name: 'School 6',
        oldTier: 'B',
        newTier: null,
        oldDays: 5,
        newDays: null,
        daysChange: null,
        kind: 'left',
        reason: "not in this year's data",
      },
      {
        urn: 7,
        name: 'School 7',
        oldTier: null,
        newTier: 'C',
        oldDays: null,
        newDays: 15,
        daysChange: null,
        kind: 'joined',
        reason: "new in this year's data: Joined: w",
      },
      // OLD's name was not kept: the school is named as this year names it.
      {
        urn: 8,
        name: 'New name',
        oldTier: 'A',
        newTier: 'A',
        oldDays: 12,
        newDays: 12,
        daysChange: 0,
        kind: 'same',
        reason: '',
      },
    ]);
  });

  it('counts each kind before any movement is made, and makes them again when read again', () => {
    expect(list.counts).toEqual({ up: 1, down: 1, same: 2, joined: 1, left: 1, 'needs-data': 1, placed: 1 });
    expect(list.summary).toBe(
      '1 up, 1 down, 2 same, 1 joined, 1 left, 1 newly needing data, 1 placed after needing data',
    );
    expect([...list.movements]).toEqual([...list.movements]);
    expect(Array.isArray(list.movements)).toBe(false);
  });

  it('makes a movement only when it is read', () => {
    const made = vi.spyOn(DiffEntries.prototype, 'entry');
    try {
      const fresh = movements(old, now, policy);
      expect(made).not.toHaveBeenCalled();
      const reading = fresh.movements[Symbol.iterator]();
      reading.next();
      // URN 1 is in both years: one entry of each.
      expect(made).toHaveBeenCalledTimes(2);
    } finally {
      made.mockRestore();
    }
  });

  it('reads a URN given twice by its last entry, as a map by URN did', () => {
    const twice = movements(
      DiffEntries.of([e(1, 'A', 1, []), e(1, 'D', 1, [])]),
      DiffEntries.of([e(1, 'B', 1, []), e(2, 'B', 1, []), e(1, 'C', 1, [])]),
      policy,
    );
    expect([...twice.movements].map((m) => [m.urn, m.oldTier, m.newTier, m.kind])).toEqual([
      [1, 'D', 'C', 'down'],
      [2, null, 'B', 'joined'],
    ]);
  });
});

/** Two years of `n` schools: a third move up a tier, some leave and join, a few need data. */
function years(n: number): Compared {
  const tiers = ['A', 'B', 'C', 'D'];
  const old: DiffEntry[] = [];
  const now: DiffEntry[] = [];
  for (let i = 0; i < n; i++) {
    const urn = 100000 + ((i * 7919) % 900000);
    const tier = tiers[i % 4];
    const reasons = [`Rule ${i % 3}: value ${i % 11}`, ...(i % 5 ? [] : ['Another: "quoted", with comma'])];
    if (i % 10 !== 1) old.push(e(urn, tier, i % 4 === 1 ? null : 12, reasons, `School ${i}, =SUM(A1) <b>`));
    const moved = i % 3 === 0 ? tiers[Math.min(3, (i % 4) + 1)] : tier;
    if (i % 10 !== 2)
      now.push(
        e(urn, i % 17 === 0 ? null : moved, i % 4 === 1 ? null : 15, i % 7 ? reasons : ['Changed: x'], `School ${i}`),
      );
  }
  const side = (entries: DiffEntry[], asOf: string) => ({
    entries: DiffEntries.of(entries),
    asOf,
    file: `${asOf}.csv`,
    loaded: { policy } as LoadedConfig,
    notes: [],
  });
  const oldSide = side(old, '2025-09-01');
  const newSide = side(now, '2026-09-01');
  return { result: movements(oldSide.entries, newSide.entries, policy), old: oldSide, now: newSide };
}

describe('sit diff writes as it makes the movements', () => {
  const compared = years(20_000);
  const all = diff(compared.old.entries, compared.now.entries, policy);
  const lines = [`Policy: ${policy.id}. ${sidesLine(compared)}`];
  // What the writers give for the movements in an array (the table's rows an array, JSON whole).
  const whole: Record<string, () => string> = {
    csv: () => contentText(csvLines(diffTable(all, policy, lines, 'file'))),
    md: () => contentText(markdownLines(diffTable(all, policy, lines, 'file'))),
    html: () => contentText(htmlPage(diffTable(all, policy, lines, 'file'))),
    json: () => toJson(diffJson(all, policy, { old: '2025-09-01', now: '2026-09-01' })),
  };

  for (const format of ['csv', 'json', 'md', 'html'])
    it(`${format}: many writes of bounded size, the bytes of the movements written whole`, async () => {
      const writes: string[] = [];
      const stdout = { write: (chunk: string | Uint8Array) => writes.push(String(chunk)) };
      await emit({ cwd: tmpdir(), stdout, format }, await diffContent(compared, format, { color: false }));
      expect(writes.length).toBeGreaterThan(10);
      // Each write is a piece of about 64K characters (a row more at most), never the whole output.
      expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(70_000);
      expect(writes.join('')).toBe(whole[format]());
    });

  it('the JSON with no movements, and with re-tierings after them, is toJson of the whole', async () => {
    const none = DiffEntries.of([]);
    const empty = { ...compared, result: movements(none, none, policy) };
    const retierings = { lines: ['a line'], json: [{ urn: 1, name: 'x "y"' }] };
    const text = contentText(await diffContent(empty, 'json', { color: false }, retierings));
    expect(text).toBe(
      toJson({
        ...diffJson({ ...empty.result, movements: [] }, policy, { old: '2025-09-01', now: '2026-09-01' }),
        retierings: retierings.json,
      }),
    );
  });
});
