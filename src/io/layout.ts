// A checked layout file made into the Layout the reader applies: each rule a function of the row.
// No zod here: the build checks the layout files (layout-file.ts) and embeds them checked, so sit
// starts without building the layout schema (start-up, SPEC section 8).
import type { Condition, LayoutFile, Value } from './layout-file.js';

/**
 * A column of the published file, or a value computed per row: the first of `firstOf` that holds
 * anything but blank or NULL (a no-value word such as "Not judged" counts as holding, and stops
 * the search), converted; or a value worked out from the whole row (`row`), used when any of the
 * columns it reads (`from`) is in the file.
 */
export type Source =
  | string
  | { firstOf: string[]; convert?: 'complement100' | 'ungraded-outcome' }
  | { from: string[]; row: (get: (header: string) => string) => string; how: string };

export interface Layout {
  id: string;
  label: string;
  /** Headers (as published) that must all be present for the layout to be recognised. */
  requires: string[];
  /** Headers whose presence rules the layout out (tells the Ofsted eras apart). */
  excludes?: string[];
  /** Canonical field -> the published column(s) that fill it; the first column present wins. */
  fields: Record<string, Source | Source[]>;
  /** Where a file has no inspection data: said when a policy needs it. */
  hint?: string;
  /** A preset that can place every school from this file's public data alone (used with no config). */
  publicPreset?: string;
  /** Fields a school may still need from this file, and the published file that supplies them (--with). */
  supplies?: Record<string, string>;
}

export const held = (raw: string | undefined) =>
  raw !== undefined && raw.trim() !== '' && raw.trim().toUpperCase() !== 'NULL';
/** A judgement 1-4 (as Ofsted or pandas writes it) or its word; "Not judged" and 9 are not. */
const isGrade = (raw: string) =>
  /^\s*([1-4](\.0+)?|outstanding|good|requires improvement|inadequate|ri)\s*$/i.test(raw);
const isYes = (raw: string) => /^\s*(yes|y|true)\s*$/i.test(raw);

type Get = (header: string) => string;
type SourceSpec = Exclude<LayoutFile['fields'][string], unknown[]>;

/** The layout a checked file describes: each rule made a function of the row. */
export function layoutOf(file: LayoutFile): Layout {
  const event = file.ungraded_event;
  // Ungraded: the latest event did not convert to a graded inspection and gave no grade.
  const ungraded = (get: Get) => !!event && !isYes(get(event.converted)) && !event.grades.some((h) => isGrade(get(h)));
  const holds = (condition: Condition, get: Get): boolean =>
    'event' in condition
      ? ungraded(get) === (condition.event === 'ungraded')
      : 'held' in condition
        ? condition.held.some((h) => held(get(h)))
        : condition.any.some((c) => holds(c, get));
  const value = (v: Value, get: Get): string => {
    if ('text' in v) return v.text;
    if (v.detail === undefined) return get(v.column);
    const [main, detail] = [get(v.column).trim(), get(v.detail).trim()];
    return held(detail) && detail !== main ? `${main} (${detail})` : main;
  };
  const source = (s: SourceSpec): Source => {
    if (typeof s === 'string') return s;
    if ('first_of' in s) return s.convert ? { firstOf: s.first_of, convert: s.convert } : { firstOf: s.first_of };
    const otherwise: Value = s.otherwise ?? { text: '' };
    const condition = s.if;
    return {
      from: s.from,
      how: s.how,
      row: (get) => (condition === undefined || holds(condition, get) ? value(s.value, get) : value(otherwise, get)),
    };
  };
  return {
    id: file.id,
    label: file.label,
    requires: file.requires,
    ...(file.excludes ? { excludes: file.excludes } : {}),
    fields: Object.fromEntries(
      Object.entries(file.fields).map(([field, spec]) => [
        field,
        Array.isArray(spec) ? spec.map(source) : source(spec),
      ]),
    ),
    ...(file.hint ? { hint: file.hint } : {}),
    ...(file.public_preset ? { publicPreset: file.public_preset } : {}),
    ...(file.supplies ? { supplies: file.supplies } : {}),
  };
}
