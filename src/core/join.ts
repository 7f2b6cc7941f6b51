// Joins extra tables to the main school file on URN (sit classify ofsted.csv --with ks4.csv
// --with tracker.xlsx). The main file decides which schools there are; each extra file fills the
// fields it has. Where two files disagree on a field, the earlier file wins (the main file first,
// then the --with files in the order given) and the conflict is reported with the winner.
import type { FieldValue } from './fields.js';
import type { SchoolRecord } from './school.js';
import { displayValue } from './display.js';
import { fold } from './values.js';

export interface JoinSource {
  file: string;
  schools: SchoolRecord[];
}

export interface JoinConflict {
  urn: number;
  field: string;
  /** The value kept and the file it came from. */
  kept: { file: string; value: FieldValue };
  /** The value not used and its file. */
  other: { file: string; value: FieldValue };
}

export interface JoinReport {
  file: string;
  /** Schools of the main file this file had a row for. */
  matched: number;
  /** URNs in this file that are not in the main file (ignored). */
  unmatched: number[];
  /** URNs of the main file that this file has no row for. */
  absent: number[];
}

export interface JoinResult {
  schools: SchoolRecord[];
  reports: JoinReport[];
  conflicts: JoinConflict[];
}

/** The school's own name stays the main file's: files spell names differently. */
const NOT_COMPARED = new Set(['urn', 'name']);

const same = (a: FieldValue, b: FieldValue) =>
  typeof a === 'string' && typeof b === 'string' ? fold(a) === fold(b) : a === b;

/**
 * The join one main-file school at a time (a streaming read joins each row as it comes): the
 * --with files are indexed by URN once. `prepare` may change another file's school against the
 * main school it joins (an older Ofsted file's grade becomes the previous one).
 */
export class SchoolJoin {
  readonly conflicts: JoinConflict[] = [];
  private readonly byUrn: Map<number, SchoolRecord>[];
  private readonly matched: number[];
  private readonly absent: number[][];
  private readonly mainUrns = new Set<number>();

  constructor(
    private readonly mainFile: string,
    private readonly extras: JoinSource[],
    private readonly prepare?: (main: SchoolRecord, other: SchoolRecord) => SchoolRecord,
  ) {
    this.byUrn = extras.map((e) => new Map(e.schools.map((s) => [s.urn, s])));
    this.matched = extras.map(() => 0);
    this.absent = extras.map(() => []);
  }

  join(school: SchoolRecord): SchoolRecord {
    this.mainUrns.add(school.urn);
    const fields = { ...school.fields };
    const extra = { ...school.extra };
    const from = new Map<string, string>();
    for (const [k, v] of Object.entries(fields)) if (v !== null) from.set(k, this.mainFile);
    this.extras.forEach((source, i) => {
      const found = this.byUrn[i].get(school.urn);
      if (!found) {
        this.absent[i].push(school.urn);
        return;
      }
      this.matched[i]++;
      const other = this.prepare ? this.prepare(school, found) : found;
      for (const [field, value] of Object.entries(other.fields)) {
        if (value === null || NOT_COMPARED.has(field)) continue;
        const current = fields[field] ?? null;
        if (current === null) {
          fields[field] = value;
          from.set(field, source.file);
        } else if (!same(current, value)) {
          this.conflicts.push({
            urn: school.urn,
            field,
            kept: { file: from.get(field) ?? this.mainFile, value: current },
            other: { file: source.file, value },
          });
        }
      }
      for (const [column, value] of Object.entries(other.extra)) {
        if (!(column in extra) || extra[column].trim() === '') extra[column] = value;
      }
    });
    return { ...school, fields, extra };
  }

  reports(): JoinReport[] {
    return this.extras.map((source, i) => ({
      file: source.file,
      matched: this.matched[i],
      unmatched: source.schools.filter((s) => !this.mainUrns.has(s.urn)).map((s) => s.urn),
      absent: this.absent[i],
    }));
  }
}

export function joinSchools(
  main: JoinSource,
  extras: JoinSource[],
  prepare?: (main: SchoolRecord, other: SchoolRecord) => SchoolRecord,
): JoinResult {
  const join = new SchoolJoin(main.file, extras, prepare);
  const schools = main.schools.map((school) => join.join(school));
  return { schools, reports: join.reports(), conflicts: join.conflicts };
}

const sample = (urns: number[]) =>
  `${urns.slice(0, 5).join(', ')}${urns.length > 5 ? `, and ${urns.length - 5} more` : ''}`;

/** The join in lines for a person: matches, unmatched URNs, and each conflict with the winner. */
export function describeJoin(result: Pick<JoinResult, 'reports' | 'conflicts'>): string[] {
  const lines: string[] = [];
  for (const r of result.reports) {
    lines.push(`joined ${r.file}: ${r.matched} school${r.matched === 1 ? '' : 's'} matched on URN`);
    if (r.unmatched.length)
      lines.push(
        `  ${r.unmatched.length} URN${r.unmatched.length === 1 ? '' : 's'} in ${r.file} not in the main file (ignored): ${sample(r.unmatched)}`,
      );
    if (r.absent.length)
      lines.push(
        `  ${r.absent.length} school${r.absent.length === 1 ? '' : 's'} of the main file not in ${r.file}: ${sample(r.absent)}`,
      );
  }
  for (const c of result.conflicts) {
    lines.push(
      `conflict: URN ${c.urn} ${c.field}: ${c.kept.file} has ${displayValue(c.field, c.kept.value)}, ${c.other.file} has ${displayValue(c.field, c.other.value)}; kept ${displayValue(c.field, c.kept.value)} from ${c.kept.file}`,
    );
  }
  return lines;
}
