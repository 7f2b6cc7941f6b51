// A calendar's events as CSV rows or JSON items written straight from the event store's columns
// (issue 13: a year for every school is a million events): each owner's, kind's, lead's, tier's
// and note's text worked out once, not once per event, and no event or row object made. The same
// text as the writers give each event's JSON (test/unit/calendar-store-text.test.ts).
import { fromDayNumber } from '../core/dates.js';
import type { EventList, EventOwner } from '../core/schedule-events.js';
import { csvCell } from './formats/csv.js';
import { jsonArrayEnd, jsonMember, jsonObjectStart } from './formats/json.js';
import type { Cell } from './formats/table-model.js';
import { uidOf } from './ics.js';
import { CHUNK_CHARS } from './output.js';

/** The start of a UID's text (stableUid's parts joined): the school's URN, or the trust's name. */
export const uidOwnerText = (owner: Pick<EventOwner, 'urn' | 'name'>) => `${owner.urn ?? `trust:${owner.name}`}|`;

/** The rest of it: the activity, the term and the number within the term. */
export const uidKindText = (activityId: string, term: number, occurrence: string) =>
  `${activityId}|${term}|${occurrence}`;

/** How a format writes an event: its fields in the order of eventJson, a few at a time. */
interface Shape {
  /** Before each event (the first or not). */
  start(first: boolean): string;
  /** Some fields, each with the separator after it. */
  fields(fields: [string, Cell][]): string;
  /** The UID (made for each event: a field at a time). */
  uid(uid: string): string;
  /** The note, ending the event. */
  last(note: string | null): string;
  /** After the last event (none or not). */
  end(empty: boolean): string;
}

const csvShape: Shape = {
  start: () => '',
  // Joined (a flat string: one built with + or a template is a tree of pieces, walked again each time it is written).
  fields: (fields) => [...fields.map(([, value]) => csvCell(value)), ''].join(','),
  // A UID is 32 hex digits and "@sit": its csvCell is itself.
  uid: (uid) => `${uid},`,
  last: (note) => [csvCell(note), '\r\n'].join(''),
  end: () => '',
};

const jsonShape: Shape = {
  start: jsonObjectStart,
  fields: (fields) => fields.map(([key, value]) => jsonMember(key, value)).join(''),
  uid: (uid) => jsonMember('uid', uid),
  last: (note) => jsonMember('note', note, true),
  end: jsonArrayEnd,
};

/**
 * The events in a shape, in parts of about CHUNK_CHARS. An event is six parts, each kept by its
 * indexes once met: its days and term; its owner and tier; its kind and lead; its UID; its note.
 */
function* storeText(events: EventList, shape: Shape): Generator<string> {
  const { store } = events;
  const ownerTiers: string[] = [];
  const kindLeads: string[] = [];
  const notes = store.notes.map((note) => shape.last(note));
  const noNote = shape.last(null);
  const uidOwners = store.owners.map(uidOwnerText);
  const uidKinds: string[] = [];
  const days = new Map<number, string>();
  const starts = [shape.start(false), shape.start(true)];
  let first = 1;
  let held = '';
  for (const i of events.indexes) {
    const owner = store.owner[i];
    const kind = store.kind[i];
    const lead = store.lead[i];
    const term = store.term[i];
    const note = store.note[i];
    const tier = store.tier[i];
    // By first day, length and term (a byte); an event longer than a year is not kept.
    const span = store.end[i] - store.start[i];
    const dayKey = span >= 0 && span < 366 ? (store.start[i] * 366 + span) * 256 + term : Number.NaN;
    let when = days.get(dayKey);
    if (when === undefined) {
      when = shape.fields([
        ['date', fromDayNumber(store.start[i])],
        ['end', fromDayNumber(store.end[i])],
        ['term', term],
      ]);
      if (!Number.isNaN(dayKey)) days.set(dayKey, when);
    }
    const k = store.kinds[kind];
    const l = store.leads[lead];
    const o = store.owners[owner];
    const ownerTier = (ownerTiers[owner * store.tiers.length + tier] ??= shape.fields([
      ['urn', o.urn],
      ['name', o.name],
      ['trust', o.trust],
      ['tier', store.tiers[tier]],
    ]));
    const kindLead = (kindLeads[kind * store.leads.length + lead] ??= shape.fields([
      ['activity', k.activity],
      ['activity_id', k.activity_id],
      ['kind', k.kind],
      ['type', k.type],
      ['lead', l.lead],
      ['role', k.role],
      ['person', l.person],
      ['days', k.days],
      ['occurrence', k.occurrence],
    ]));
    const uidKind = (uidKinds[kind * 256 + term] ??= uidKindText(k.activity_id, term, k.occurrence));
    const uid = shape.uid(uidOf(uidOwners[owner] + uidKind));
    held += starts[first] + when + ownerTier + kindLead + uid + (note < 0 ? noNote : notes[note]);
    first = 0;
    if (held.length >= CHUNK_CHARS) {
      yield held;
      held = '';
    }
  }
  held += shape.end(first === 1);
  if (held) yield held;
}

/** The CSV lines of a file's calendar table (each event's JSON's cells, as csvLines writes a row). */
export const calendarCsvRows = (events: EventList) => storeText(events, csvShape);

/** The events' JSON array (jsonArray of each event's JSON). */
export const calendarJson = (events: EventList) => storeText(events, jsonShape);
