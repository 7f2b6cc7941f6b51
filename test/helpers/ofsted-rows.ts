// Rows of published Ofsted layouts with made-up values, read and placed the way the CLI does, and
// a national-size 2024/25 in-year file built from the published headers.
import { schoolsFromBytes, type SchoolsFile } from '../../src/io/read-schools.js';
import { classify, type Placement } from '../../src/core/classify.js';
import { presetPolicy } from './fixtures.js';

export type Row = Record<string, string>;

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file of the given published headers; a cell not given is NULL, as Ofsted writes it. */
export function ofstedCsv(headers: string[], rows: Row[]): string {
  for (const row of rows)
    for (const key of Object.keys(row)) if (!headers.includes(key)) throw new Error(`not a published header: ${key}`);
  return `${[headers.map(quote).join(','), ...rows.map((r) => headers.map((h) => quote(r[h] ?? 'NULL')).join(','))].join('\r\n')}\r\n`;
}

export async function readRows(headers: string[], rows: Row[]): Promise<SchoolsFile> {
  const data = await schoolsFromBytes(Buffer.from(ofstedCsv(headers, rows), 'latin1'), 'ofsted.csv', 'ofsted.csv');
  if (data.problems.length) throw new Error(JSON.stringify(data.problems));
  return data;
}

export async function placeRows(
  headers: string[],
  rows: Row[],
  preset = 'rise-2025',
  asOf = '2026-03-01',
): Promise<Placement[]> {
  const data = await readRows(headers, rows);
  return classify(data.schools, presetPolicy(preset), { asOf }).placements;
}

/** A small deterministic generator (mulberry32), so the national file is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NationalRow {
  row: Row;
  /** What kind of latest event the row is, and whether the judgement a policy needs is absent from the file. */
  kind: 'graded' | 'converted' | 'section-8' | 'monitoring' | 'no-formal-designation' | 'first';
  absent: boolean;
}

/**
 * A national-size in-year file: about the mix of Ofsted's 2023/24 year (4,023 graded, 2,662
 * ungraded, 245 monitoring of 6,930), grades drawn at about the national rates. `absent` marks a
 * row whose RISE placement needs a judgement the file does not hold: the latest graded
 * inspection was Requires Improvement (in leadership and management or quality of education) and
 * the one before it is not in the file (a monitoring visit of an RI school; a graded inspection
 * whose Previous columns are blank only because the school is new is not absent: it has none).
 */
export function nationalInYear(n = 6930, seed = 2025): NationalRow[] {
  const next = random(seed);
  const pick = <T>(items: [T, number][]): T => {
    let r = next();
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1][0];
  };
  const grade = () =>
    pick([
      ['1', 0.16],
      ['2', 0.67],
      ['3', 0.15],
      ['4', 0.02],
    ]);
  const date = (month: number, day: number, year: number) =>
    `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
  const out: NationalRow[] = [];
  for (let i = 0; i < n; i++) {
    const urn = String(100000 + i * 7);
    const base: Row = {
      URN: urn,
      'School name': `School ${i}`,
      'Ofsted phase': pick([
        ['Primary', 0.8],
        ['Secondary', 0.17],
        ['Special', 0.03],
      ]),
      'Multi-academy trust name': next() < 0.4 ? `Trust ${i % 300}` : 'NULL',
      'Inspection number': String(10300000 + i),
      'Inspection start date': date(1 + Math.floor(next() * 6), 1 + Math.floor(next() * 27), 2025),
      'Previous inspection start date': date(1 + Math.floor(next() * 12), 1 + Math.floor(next() * 27), 2021),
      'Does the previous inspection relate to the school in its current form?': next() < 0.9 ? 'Yes' : 'No',
    };
    const kind = pick<NationalRow['kind']>([
      ['graded', 0.56],
      ['converted', 0.02],
      ['section-8', 0.37],
      ['monitoring', 0.035],
      ['no-formal-designation', 0.005],
      ['first', 0.01],
    ]);
    const row: Row = { ...base };
    let absent = false;
    if (kind === 'graded' || kind === 'converted' || kind === 'first') {
      const [qoe, ba, pd, lm] = [grade(), grade(), grade(), grade()];
      Object.assign(row, {
        'Inspection type':
          kind === 'first'
            ? 'Academy First Section 5'
            : kind === 'converted'
              ? 'S8 Inspection of Good/Outstanding school'
              : 'S5 Inspection',
        'Inspection type grouping': kind === 'converted' ? 'Section 8 (converted)' : 'Section 5',
        'Event type grouping': kind === 'converted' ? 'Schools - S8' : 'Schools - S5',
        'Did the latest ungraded inspection convert to a graded inspection?': kind === 'converted' ? 'Yes' : 'NULL',
        'Quality of education': qoe,
        'Behaviour and attitudes': ba,
        'Personal development': pd,
        'Effectiveness of leadership and management': lm,
        'Safeguarding is effective': 'Yes',
        'Category of concern':
          qoe === '4' || lm === '4'
            ? pick([
                ['SM', 0.6],
                ['SWK', 0.4],
              ])
            : 'NULL',
      });
      if (kind === 'first') {
        // A new school's first inspection: no previous inspection of this URN in the file.
        for (const h of [
          'Previous inspection start date',
          'Does the previous inspection relate to the school in its current form?',
        ])
          row[h] = 'NULL';
      } else {
        Object.assign(row, {
          'Previous overall effectiveness':
            kind === 'converted'
              ? pick([
                  ['1', 0.3],
                  ['2', 0.7],
                ])
              : grade(),
        });
      }
    } else {
      // Ungraded: the graded judgement is in the Previous columns. Section 8s are of Good or
      // Outstanding schools; monitoring visits of RI or Inadequate ones.
      const previous =
        kind === 'monitoring'
          ? pick([
              ['3', 0.85],
              ['4', 0.15],
            ])
          : pick([
              ['1', 0.2],
              ['2', 0.8],
            ]);
      Object.assign(row, {
        'Inspection type':
          kind === 'monitoring'
            ? previous === '4'
              ? 'Special Measures Monitoring Inspection'
              : 'Requires Improvement Monitoring Inspection'
            : kind === 'section-8'
              ? 'S8 Inspection of Good/Outstanding school'
              : 'S8 No Formal Designation Visit',
        'Inspection type grouping':
          kind === 'monitoring'
            ? 'Monitoring visit'
            : kind === 'section-8'
              ? 'Section 8 (did not convert)'
              : 'No formal designation',
        'Event type grouping': 'Schools - S8',
        'Did the latest ungraded inspection convert to a graded inspection?': kind === 'section-8' ? 'No' : 'NULL',
        'Outcomes for ungraded and monitoring inspections':
          kind === 'monitoring'
            ? pick([
                ['Taking effective action', 0.93],
                ['Not taking effective action', 0.07],
              ])
            : kind === 'section-8'
              ? pick([
                  ['Standards maintained', 0.86],
                  ['Improved significantly', 0.09],
                  ['Some aspects not as strong', 0.05],
                ])
              : 'NULL',
        'Previous overall effectiveness': previous,
        'Previous quality of education': previous,
        'Previous effectiveness of leadership and management': previous,
        'Previous category of concern': previous === '4' ? 'SM' : 'NULL',
        'Previous safeguarding is effective?': 'Yes',
      });
      // A monitoring visit of an RI school: the grade before that RI inspection is not in this file.
      absent = kind === 'monitoring' && previous === '3';
    }
    out.push({ row, kind, absent });
  }
  return out;
}
