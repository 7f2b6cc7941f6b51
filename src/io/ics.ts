// iCalendar (RFC 5545) for Outlook and Google Calendar: CRLF line ends, lines folded at 75 octets,
// TEXT values escaped, all-day events (VALUE=DATE), and UIDs derived from what an event is (so a
// re-generated calendar re-imported updates its events rather than duplicating them). DTSTAMP is
// given by the caller, never the clock: the same input gives byte-identical output.
import * as crypto from 'node:crypto';
import { contentText } from './output.js';
import { fromDayNumber, toDayNumber } from '../core/dates.js';

export interface IcsEvent {
  uid: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  summary: string;
  description?: string;
  /** The description already escaped (escapeText), in place of description, by a writer that escapes each repeated value once. */
  escapedDescription?: string;
  categories?: string[];
  /** Rises when the details change, so calendar clients apply the update (RFC 5545 3.8.7.4). */
  sequence?: number;
  /** An event no longer in the plan, written so that a client removes it. */
  cancelled?: boolean;
}

export interface IcsCalendar {
  name: string;
  /** UTC date-time for every DTSTAMP, YYYY-MM-DD (taken as midnight UTC). */
  stamp: string;
  /** Read once, in order, as they are written (a year for every school is a million events). */
  events: Iterable<IcsEvent>;
}

/** A UID that depends only on the parts: the same school, activity and date give the same UID. */
export function stableUid(parts: (string | number)[]): string {
  return uidOf(parts.join('|'));
}

/** stableUid of parts already joined by "|" (a million events' UIDs, each text built without an array). */
export function uidOf(joined: string): string {
  return `${sha256Hex(joined).slice(0, 32)}@sit`;
}

// crypto.hash (Node 20.12 and later) digests in one call, in half the time of createHash: a year's
// calendar has a UID for each of a million events. Earlier Node 20 releases take the long way.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot
  ? (text: string) => oneShot('sha256', text, 'hex')
  : (text: string) => crypto.createHash('sha256').update(text).digest('hex');

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\\;,\r\n\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline; controls (TEXT may not hold them) dropped. */
export function escapeText(text: string): string {
  // Most summaries and categories hold none of these: one look, no five copies.
  if (!ESCAPED.test(text)) return text;
  return text
    .replace(CONTROLS, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** Folds a content line into lines of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  // A UTF-16 unit is at most 3 UTF-8 octets: short lines need no counting.
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line, 'utf8') <= 75)) return line;
  if (!ASCII.test(line)) return foldBytes(line);
  // ASCII is an octet a character: cut by characters, with no bytes made.
  let folded = line.slice(0, 75);
  for (let start = 75; start < line.length; start += 74) folded += `\r\n ${line.slice(start, start + 74)}`;
  return folded;
}

/** foldLine by the line's UTF-8 bytes, whatever it holds. */
export function foldBytes(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back off UTF-8 continuation bytes (10xxxxxx) so a character stays whole.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // a continuation line starts with a space, which counts
  }
  return parts.join('\r\n ');
}

const compacted = new Map<string, string>();
/** 2026-09-01 -> 20260901; remembered, as a year of events has only a few hundred distinct dates. */
function compact(iso: string): string {
  let text = compacted.get(iso);
  if (text === undefined) compacted.set(iso, (text = iso.replace(/-/g, '')));
  return text;
}

const following = new Map<string, string>();
/** The next day; remembered, as a year of events has only a few hundred distinct dates. */
function dayAfter(iso: string): string {
  let next = following.get(iso);
  if (next === undefined) following.set(iso, (next = fromDayNumber(toDayNumber(iso) + 1)));
  return next;
}

/** The calendar a part at a time: the header, one part per event, the end. */
export function* icsLines(calendar: IcsCalendar): Generator<string> {
  const stamp = `${compact(calendar.stamp)}T000000Z`;
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//sit//School-improvement toolkit//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  yield head.map((line) => `${foldLine(line)}\r\n`).join('');
  for (const event of calendar.events) {
    let text =
      `BEGIN:VEVENT\r\nUID:${event.uid}\r\nDTSTAMP:${stamp}\r\nDTSTART;VALUE=DATE:${compact(event.start)}\r\n` +
      // DTEND of an all-day event is the day after the last day.
      `DTEND;VALUE=DATE:${compact(dayAfter(event.end))}\r\n${foldLine(`SUMMARY:${escapeText(event.summary)}`)}`;
    if (event.escapedDescription !== undefined) text += `\r\n${foldLine(`DESCRIPTION:${event.escapedDescription}`)}`;
    else if (event.description) text += `\r\n${foldLine(`DESCRIPTION:${escapeText(event.description)}`)}`;
    if (event.categories?.length) text += `\r\n${foldLine(`CATEGORIES:${event.categories.map(escapeText).join(',')}`)}`;
    if (event.sequence) text += `\r\nSEQUENCE:${event.sequence}`;
    if (event.cancelled) text += '\r\nSTATUS:CANCELLED';
    yield `${text}\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n`;
  }
  yield 'END:VCALENDAR\r\n';
}

/** The calendar as one string (a small one). */
export function toIcs(calendar: IcsCalendar): string {
  return contentText(icsLines(calendar));
}

/** An event of a previously written calendar, as read back. */
export interface PreviousEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  categories: string[];
  sequence: number;
  cancelled: boolean;
}

const unescapeText = (text: string) =>
  text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const isoOf = (value: string) => `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The events of an iCalendar file (the previous plan, for `--previous`), read a piece at a time
 * (a year for every school is hundreds of megabytes, more than one string may hold): unfolds lines
 * and reads UID, DTSTART, DTEND, SUMMARY, DESCRIPTION, CATEGORIES, SEQUENCE and STATUS of each
 * VEVENT. end() throws an Error naming the line when the text is not a calendar.
 */
export class IcsReader {
  readonly events: PreviousEvent[] = [];
  /** Text after the last line break. */
  private rest = '';
  /** The unfolded line being gathered (null before the first). */
  private line: string | null = null;
  private count = 0;
  private current: Partial<PreviousEvent> | null = null;
  private problem: Error | null = null;

  push(text: string): void {
    const buffer = this.rest + text;
    let start = 0;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n', start)) {
      this.physical(buffer.slice(start, end > start && buffer[end - 1] === '\r' ? end - 1 : end));
      start = end + 1;
    }
    this.rest = buffer.slice(start);
  }

  end(): PreviousEvent[] {
    this.physical(this.rest);
    this.rest = '';
    if (this.line !== null) this.unfolded(this.line);
    this.line = null;
    if (this.problem) throw this.problem;
    return this.events;
  }

  /** A line as written: a space or tab at its start continues the line before (RFC 5545 3.1). */
  private physical(text: string): void {
    if (this.line !== null && (text[0] === ' ' || text[0] === '\t')) {
      this.line += text.slice(1);
      return;
    }
    if (this.line !== null) this.unfolded(this.line);
    this.line = text;
  }

  private unfolded(line: string): void {
    const number = ++this.count;
    if (this.problem) return;
    if (number === 1 && !line.trim().toUpperCase().startsWith('BEGIN:VCALENDAR')) {
      this.problem = new Error(
        'line 1: expected BEGIN:VCALENDAR (an iCalendar file written by sit calendar --format ics)',
      );
      return;
    }
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const head = line.slice(0, colon).toUpperCase();
    const name = head.split(';')[0];
    const value = line.slice(colon + 1);
    const current = this.current;
    if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT')
      this.current = { description: '', summary: '', categories: [], sequence: 0, cancelled: false };
    else if (name === 'END' && value.toUpperCase() === 'VEVENT' && current) {
      if (!current.uid || !current.start) {
        this.problem = new Error(`line ${number}: an event without UID or DTSTART`);
        return;
      }
      this.events.push({ ...(current as PreviousEvent), end: current.end ?? current.start });
      this.current = null;
    } else if (current) {
      if (name === 'UID') current.uid = value;
      else if (name === 'DTSTART') current.start = isoOf(value);
      else if (name === 'DTEND') current.end = dayBefore(isoOf(value));
      else if (name === 'SUMMARY') current.summary = unescapeText(value);
      else if (name === 'DESCRIPTION') current.description = unescapeText(value);
      else if (name === 'CATEGORIES') current.categories = value.split(/(?<!\\),/).map(unescapeText);
      else if (name === 'SEQUENCE') current.sequence = Number(value) || 0;
      else if (name === 'STATUS') current.cancelled = value.toUpperCase() === 'CANCELLED';
    }
  }
}

/** The events of an iCalendar text held whole (see IcsReader). */
export function readIcs(text: string): PreviousEvent[] {
  const reader = new IcsReader();
  reader.push(text);
  return reader.end();
}

/**
 * The SEQUENCE of each event against the previous calendar (unchanged: kept; changed: one more;
 * new: 0), and then the previous events no longer in the plan, cancelled (once: a cancelled one
 * stays). The events are read once, as they are written.
 */
export function* sequenced(events: Iterable<IcsEvent>, previous: PreviousEvent[]): Generator<IcsEvent> {
  const before = new Map(previous.map((p) => [p.uid, p]));
  /** The previous events still in the plan (only these are needed, not every UID). */
  const kept = new Set<string>();
  for (const e of events) {
    const p = before.get(e.uid);
    if (!p) {
      yield e;
      continue;
    }
    kept.add(e.uid);
    const same =
      !p.cancelled &&
      p.start === e.start &&
      p.end === e.end &&
      p.summary === e.summary &&
      p.description === (e.description ?? '');
    yield { ...e, sequence: same ? p.sequence : p.sequence + 1 };
  }
  for (const p of previous) {
    if (kept.has(p.uid)) continue;
    yield {
      uid: p.uid,
      start: p.start,
      end: p.end,
      summary: p.summary,
      description: p.description,
      categories: p.categories,
      sequence: p.cancelled ? p.sequence : p.sequence + 1,
      cancelled: true,
    };
  }
}
