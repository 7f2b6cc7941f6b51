#!/usr/bin/env node
// The plain Node pass of `npm run bench` (SPEC section 8): what one single-threaded program with no
// policy engine does with the rlt-categories rule, as the yardstick for `sit classify`.
//   node scripts/plain-classify.mjs FILE [AS_OF]    (AS_OF default 2026-09-01)
// It streams FILE, splits it as CSV (quoted fields with commas, doubled quotes and line breaks,
// CRLF, a BOM), applies the rule with equality tests on the values scripts/gen-schools.mjs writes,
// and writes CSV to standard output: each record as it came, then its tier and days (what
// `mlr put` writes for the same rule). The rule, as sit's rlt-categories preset places generated
// schools (test/unit/plain-classify.test.ts checks it against sit):
//   an override "rlt-categories:X" gives X; else D for an Ofsted grade of Requires improvement or
//   Inadequate, a category of concern, insufficient capacity, or a head in post under a year with
//   capacity needs-support; else no tier (sit's "needs data") when the grade or the capacity is
//   blank, as either could still make it D; else C for needs-support or a head in post under two years; else A for
//   Outstanding or Good with capacity supports-others; else B. Days: A 12, C 15, B and D blank.
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Splits CSV text fed in chunks into records: each its fields and its own text, unchanged. */
export class CsvSplitter {
  carry = '';

  /** The whole records in `text` (after what was carried); an unfinished one is kept for later. */
  *push(text) {
    const s = this.carry + text;
    let pos = 0;
    for (;;) {
      const newline = s.indexOf('\n', pos);
      if (newline < 0) break;
      let end = newline;
      const line = s.slice(pos, s.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (!line.includes('"')) {
        yield { fields: line.split(','), text: line };
        pos = newline + 1;
        continue;
      }
      const record = quoted(s, pos, false);
      if (record === null) break; // a quoted field runs past this chunk
      end = record.end;
      yield { fields: record.fields, text: s.slice(pos, s.charCodeAt(end - 1) === 13 ? end - 1 : end) };
      pos = end + 1;
    }
    this.carry = s.slice(pos);
  }

  /** The last record, when the text does not end with a line break. */
  *end() {
    if (this.carry === '' || this.carry === '\r') return;
    const record = quoted(this.carry, 0, true);
    const text = this.carry.replace(/\r$/, '');
    this.carry = '';
    if (record !== null) yield { fields: record.fields, text };
  }
}

/** One record from `start`, quotes and all: its fields and the index of its line break. */
function quoted(s, start, atEnd) {
  const fields = [];
  let field = '';
  let i = start;
  let inQuotes = false;
  while (i < s.length) {
    const c = s[i];
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        if (i + 1 === s.length && !atEnd) return null; // "" may be split between chunks
        inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      return { fields, end: i };
    } else field += c;
    i++;
  }
  if (!atEnd) return null; // the record goes on in the next chunk
  fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
  return { fields, end: s.length };
}

/** A date as yyyy-mm-dd, from that or dd/mm/yyyy (the two ways the generated data writes it). */
function isoDate(value) {
  if (value.length !== 10) return '';
  if (value[4] === '-') return value;
  if (value[2] === '/') return `${value.slice(6)}-${value.slice(3, 5)}-${value.slice(0, 2)}`;
  return '';
}

/** The same day `years` earlier: a start after it is less than `years` before the as-of date. */
export const yearsBefore = (asOf, years) => `${Number(asOf.slice(0, 4)) - years}${asOf.slice(4)}`;

const DAYS = { A: '12', B: '', C: '15', D: '' };

/** The rule for records with `header`'s columns, as of `asOf`: a function from fields to [tier, days]. */
export function rlt(header, asOf) {
  const at = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no ${name} column`);
    return i;
  };
  const [overall, category, capacity, start, override] = [
    'ofsted_overall',
    'ofsted_category',
    'leadership_capacity',
    'headteacher_start',
    'override_tier',
  ].map(at);
  const newHead = yearsBefore(asOf, 1);
  const newTeam = yearsBefore(asOf, 2);
  return (f) => {
    const forced = f[override];
    if (forced.startsWith('rlt-categories:')) {
      const tier = forced.slice('rlt-categories:'.length);
      return [tier, DAYS[tier] ?? ''];
    }
    const grade = f[overall];
    const cap = f[capacity];
    const started = isoDate(f[start]);
    if (
      grade === 'Requires improvement' ||
      grade === 'Inadequate' ||
      f[category] !== '' ||
      cap === 'insufficient' ||
      (cap === 'needs-support' && started > newHead)
    )
      return ['D', ''];
    if (grade === '' || cap === '') return ['', '']; // D cannot be ruled out: sit's "needs data"
    if (cap === 'needs-support' || started > newTeam) return ['C', '15'];
    if ((grade === 'Outstanding' || grade === 'Good') && cap === 'supports-others') return ['A', '12'];
    return ['B', ''];
  };
}

/** The same rule in Miller's language, for `mlr --icsv --ocsv put`: equality tests, no regular expressions. */
export const millerRule = (asOf) => `
  ht = $headteacher_start;
  if (substr0(ht, 2, 2) == "/") { ht = substr0(ht, 6, 9) . "-" . substr0(ht, 3, 4) . "-" . substr0(ht, 0, 1) }
  g = $ofsted_overall;
  c = $leadership_capacity;
  if (substr0($override_tier, 0, 14) == "rlt-categories:") {
    $tier = substr0($override_tier, 15, 15); $days = $tier == "A" ? 12 : $tier == "C" ? 15 : "";
  } elif (g == "Requires improvement" || g == "Inadequate" || $ofsted_category != "" || c == "insufficient"
          || (c == "needs-support" && ht > "${yearsBefore(asOf, 1)}")) {
    $tier = "D"; $days = "";
  } elif (g == "" || c == "") {
    $tier = ""; $days = "";
  } elif (c == "needs-support" || ht > "${yearsBefore(asOf, 2)}") {
    $tier = "C"; $days = 15;
  } elif ((g == "Outstanding" || g == "Good") && c == "supports-others") {
    $tier = "A"; $days = 12;
  } else {
    $tier = "B"; $days = "";
  }`;

/** Streams `file` through the rule to `out`. */
export async function plainClassify(file, asOf, out) {
  const splitter = new CsvSplitter();
  let rule = null;
  let batch = '';
  const flush = async () => {
    if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
    batch = '';
  };
  const take = (record) => {
    if (rule === null) {
      const header = record.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name));
      rule = rlt(header, asOf);
      batch += `${record.text},tier,days\n`;
      return;
    }
    const [tier, days] = rule(record.fields);
    batch += `${record.text},${tier},${days}\n`;
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    for (const record of splitter.push(chunk)) take(record);
    if (batch.length > 1 << 16) await flush();
  }
  for (const record of splitter.end()) take(record);
  await flush();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, asOf = '2026-09-01'] = process.argv.slice(2);
  if (!file || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    process.stderr.write('usage: node scripts/plain-classify.mjs FILE [AS_OF]\n');
    process.exit(2);
  }
  await plainClassify(file, asOf, process.stdout);
}
