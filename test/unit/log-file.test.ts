// The visit log on disk (io/log-file.ts reads it, io/log-append.ts appends): read through the one table reader, entries appended
// whole under a lock, in the file's own columns, delimiter and line ends.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/core/log.js';
import { SitError } from '../../src/errors.js';
import { appendLogEntry, withLogLock } from '../../src/io/log-append.js';
import { readLog } from '../../src/io/log-file.js';

const stdin = process.stdin;
const dir = () => mkdtempSync(join(tmpdir(), 'sit-log-'));
const entry = (over: Partial<Omit<LogEntry, 'line'>> = {}): Omit<LogEntry, 'line'> => ({
  date: '2027-01-12',
  urn: 100004,
  activity: 't3-school-wfap',
  person: 'Sam Okafor',
  days: 1,
  outcome: null,
  notes: null,
  ...over,
});
const fails = async (work: () => Promise<unknown>): Promise<SitError> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof SitError) return error;
    throw error;
  }
  throw new Error('expected a SitError');
};

describe('reading a visit log', () => {
  it('every bad entry is one line naming the file, line and column (exit 65)', async () => {
    const path = join(dir(), 'log.csv');
    writeFileSync(
      path,
      'date,urn,activity,person,days,outcome\n2027-01-12,100004,t3-school-wfap,Sam,1,ok\n12/13/2027,10004,,Sam,two,\n',
    );
    const error = await fails(() => readLog(path, stdin, 'log.csv'));
    expect(error.exitCode).toBe(65);
    expect(error.lines).toEqual([
      'log.csv:3: column "date": expected a date as YYYY-MM-DD or DD/MM/YYYY (day first) (this looks month-first)',
      'log.csv:3: column "urn": expected a 6-digit URN (100000-999999)',
      'log.csv:3: column "activity": expected an activity: the policy\'s activity id, or what was done in words (required)',
      'log.csv:3: column "days": expected a number',
    ]);
  });

  it("0 days is the school's own work (a governors' committee: no one's time); below 0 or over 10 is refused", async () => {
    const path = join(dir(), 'log.csv');
    writeFileSync(
      path,
      'date,urn,activity,person,days\n2027-02-03,100003,governor-challenge-reinvent,Helen Ward,0\n2027-02-04,100003,x,Sam,-1\n2027-02-05,100003,x,Sam,11\n',
    );
    const error = await fails(() => readLog(path, stdin, 'log.csv'));
    expect(error.lines).toEqual([
      'log.csv:3: column "days": expected a number of days from 0 to 10 (0.5 for half a day; 0 for the school\'s own work, which takes none of the trust\'s time)',
      'log.csv:4: column "days": expected a number of days from 0 to 10 (0.5 for half a day; 0 for the school\'s own work, which takes none of the trust\'s time)',
    ]);
    writeFileSync(path, 'date,urn,activity,person,days\n2027-02-03,100003,governor-challenge-reinvent,Helen Ward,0\n');
    expect((await readLog(path, stdin, 'log.csv')).entries.map((e) => e.days)).toEqual([0]);
  });

  it('a log without a column it needs is refused at its header line', async () => {
    const path = join(dir(), 'log.csv');
    writeFileSync(path, 'date,urn,activity\n2027-01-12,100004,x\n');
    const error = await fails(() => readLog(path, stdin, 'log.csv'));
    expect(error.lines).toEqual([
      'log.csv:1: no person, days columns; a visit log has the columns date, urn, activity, person, days, outcome, notes',
    ]);
  });

  it('a column headed with an object property name ("Constructor") is an extra column, not a field', async () => {
    const path = join(dir(), 'log.csv');
    writeFileSync(
      path,
      'date,urn,activity,person,days,Constructor,constructor\n2027-01-12,100004,x,Sam Okafor,1,a,b\n',
    );
    const { entries } = await readLog(path, stdin, 'log.csv');
    expect(entries.map((e) => [e.urn, e.days])).toEqual([[100004, 1]]);
  });

  it('a YAML log is a list of entries; an empty file has none', async () => {
    const d = dir();
    writeFileSync(join(d, 'log.yaml'), '- { date: 2027-01-12, urn: 100004, activity: x, person: Sam, days: 0.5 }\n');
    expect((await readLog(join(d, 'log.yaml'), stdin)).entries).toEqual([
      { line: 1, ...entry({ activity: 'x', person: 'Sam', days: 0.5 }) },
    ]);
    writeFileSync(join(d, 'empty.csv'), '');
    expect((await readLog(join(d, 'empty.csv'), stdin)).entries).toEqual([]);
  });
});

describe('appending to a visit log', () => {
  it('a new CSV log gets its header; values with commas, quotes, line breaks and formulas read back as typed', async () => {
    const path = join(dir(), 'log.csv');
    const awkward = entry({ activity: 'call, with "head"', outcome: '=HYPERLINK("x")', notes: 'two\nlines' });
    expect(await appendLogEntry(path, 'log.csv', awkward)).toBe(1);
    expect(await appendLogEntry(path, 'log.csv', entry({ days: 0.5 }))).toBe(2);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('date,urn,activity,person,days,outcome,notes\r\n')).toBe(true);
    // Excel would run =HYPERLINK: it is written with an apostrophe, and read back without.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const { entries } = await readLog(path, stdin);
    expect(entries.map(({ line: _, ...e }) => e)).toEqual([awkward, entry({ days: 0.5 })]);
  });

  it('an Excel log keeps its own columns, delimiter, line ends, decimal commas and byte-order mark; a last line without a line break is not joined', async () => {
    const path = join(dir(), 'log.csv');
    writeFileSync(
      path,
      '\uFEFFPerson;URN;Date;Days;Activity;Room\n"Priya Shah";100001;12/01/2027;1,5;t3-school-wfap;Hall',
    );
    await appendLogEntry(path, 'log.csv', entry({ person: 'Sam; Okafor', days: 0.5 }));
    expect(readFileSync(path, 'utf8')).toBe(
      '\uFEFFPerson;URN;Date;Days;Activity;Room\n"Priya Shah";100001;12/01/2027;1,5;t3-school-wfap;Hall\n"Sam; Okafor";100004;2027-01-12;0,5;t3-school-wfap;\n',
    );
    expect((await readLog(path, stdin)).entries.map((e) => [e.person, e.days])).toEqual([
      ['Priya Shah', 1.5],
      ['Sam; Okafor', 0.5],
    ]);
  });

  it('a YAML log gets a YAML entry', async () => {
    const path = join(dir(), 'log.yaml');
    writeFileSync(path, '- { date: 2027-01-11, urn: 100001, activity: x, person: Sam, days: 1 }');
    await appendLogEntry(path, 'log.yaml', entry({ notes: 'yes: "quoted"' }));
    const { entries } = await readLog(path, stdin);
    expect(entries.map((e) => e.notes)).toEqual([null, 'yes: "quoted"']);
  });

  it('a log with a bad entry is not added to (exit 65, nothing written); an .xlsx log is refused (usage)', async () => {
    const path = join(dir(), 'log.csv');
    const before = 'date,urn,activity,person,days\n2027-01-12,100004,x,Sam,lots\n';
    writeFileSync(path, before);
    const error = await fails(() => appendLogEntry(path, 'log.csv', entry()));
    expect(error.exitCode).toBe(65);
    expect(error.lines[0]).toBe('log.csv:2: column "days": expected a number');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect((await fails(() => appendLogEntry(join(dir(), 'log.xlsx'), 'log.xlsx', entry()))).exitCode).toBe(2);
  });

  it('forty appends at once in one process: every entry lands, once', async () => {
    const path = join(dir(), 'log.csv');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => appendLogEntry(path, 'log.csv', entry({ notes: `visit ${i}` }))),
    );
    const notes = (await readLog(path, stdin)).entries.map((e) => e.notes).sort();
    expect(notes).toEqual(Array.from({ length: 40 }, (_, i) => `visit ${i}`).sort());
  });

  it('a lock left by a process that has died is taken over; a live one is waited for, then refused (exit 73)', async () => {
    const path = join(dir(), 'log.csv');
    // PIDs above the kernel's maximum (4194304) are never alive.
    writeFileSync(`${path}.lock`, `9999999 ${hostname()} stale`);
    expect(await appendLogEntry(path, 'log.csv', entry())).toBe(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
    writeFileSync(`${path}.lock`, `${process.pid} ${hostname()} someone-else`);
    const error = await fails(() => withLogLock(path, 'log.csv', () => 0, 50));
    expect(error.exitCode).toBe(73);
    expect(error.lines[0]).toMatch(/^log\.csv: another sit log add has held .*log\.csv\.lock for \d+ s; try again/);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid} ${hostname()} someone-else`);
  });
});
