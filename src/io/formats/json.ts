// JSON output: whole, or a part at a time with the same bytes (sit classify's streamed road, which
// loads none of the other writers; a budget or report of 22,000 schools, never one string).

/** JSON as `JSON.stringify(value, null, 2)` writes it, with a final line break. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A value as `JSON.stringify(value, null, 2)` writes it `depth` levels in (its line breaks indented):
 * stringified inside `depth` one-item arrays, which indent it so, and the arrays' own text cut off,
 * not a second pass over the text to indent each line (a budget's schools are 30 MB of JSON). A
 * number, string, boolean or null has no line break to indent.
 */
function jsonAt(value: unknown, depth: number): string {
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Before: "[\n", "  [\n", ... and the value's indent (d * d + 3 * d); after: "\n  ]", "\n]" (d * d + d).
  return text.slice(depth * depth + 3 * depth, text.length - depth * depth - depth);
}

/** The start of an item of an array `depth` levels in, or of a member of an object (the first or not). */
const opening = (open: string, first: boolean, depth: number): string =>
  `${first ? `${open}\n` : ',\n'}${'  '.repeat(depth + 1)}`;

/** One item of a JSON array written a part at a time, as toJson writes it within the array. */
export function jsonArrayItem(item: unknown, first: boolean): string {
  return opening('[', first, 0) + jsonAt(item ?? null, 1);
}

/** The start of an item of such an array that is a flat object written member by member (jsonMember). */
export const jsonObjectStart = (first: boolean): string => `${opening('[', first, 0)}{\n`;

/**
 * One member of such an object (a string, number or null), as jsonArrayItem writes it: the last
 * closes the object. For a writer that keeps each repeated member's text (a million events).
 */
export const jsonMember = (key: string, value: string | number | null, last = false): string =>
  `    ${JSON.stringify(key)}: ${JSON.stringify(value)}${last ? '\n  }' : ',\n'}`;

/** The end of such an array (empty: the whole of it). */
export const jsonArrayEnd = (empty: boolean): string => (empty ? '[]\n' : '\n]\n');

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const unwritten = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** JSON.stringify of a part meant to be written a part at a time would write it wrong ({}): refused. */
function notWhole(): never {
  throw new Error('a streamed JSON part is written by jsonParts, not JSON.stringify');
}

/** An array whose items are made as it is written (a school's budget at a time): never held as one. */
export class JsonItems {
  constructor(readonly items: Iterable<unknown>) {}
  toJSON = notWhole;
}

/**
 * An object written a member at a time, in the order given, so a member may itself be streamed
 * (JsonItems, JsonMembers). The caller gives the order JSON.stringify would (Object.entries').
 */
export class JsonMembers {
  constructor(readonly members: Iterable<readonly [string, unknown]>) {}
  toJSON = notWhole;
}

/** An object written a member at a time: its own members, in their order. */
export const jsonMembers = (object: object): JsonMembers => new JsonMembers(Object.entries(object));

/**
 * A value as `JSON.stringify(value, null, 2)` writes it `depth` levels in, a part at a time: the
 * JsonItems and JsonMembers in it an item or member at a time, anything else whole.
 */
export function* jsonParts(value: unknown, depth = 0): Generator<string> {
  const items = value instanceof JsonItems;
  if (!items && !(value instanceof JsonMembers)) {
    yield jsonAt(value, depth);
    return;
  }
  const [open, close] = items ? ['[', ']'] : ['{', '}'];
  const starts = [opening(open, false, depth), opening(open, true, depth)];
  let first = true;
  // An item or member written whole is one part with its start, not a generator of its own (a
  // budget's 22,000 schools and 17,000 trusts).
  if (items) {
    for (const item of value.items) {
      const start = starts[+first];
      if (streamed(item)) {
        yield start;
        yield* jsonParts(item, depth + 1);
      } else yield start + jsonAt(unwritten(item) ? null : item, depth + 1);
      first = false;
    }
  } else {
    for (const [key, member] of (value as JsonMembers).members) {
      if (unwritten(member)) continue;
      const start = `${starts[+first]}${JSON.stringify(key)}: `;
      if (streamed(member)) {
        yield start;
        yield* jsonParts(member, depth + 1);
      } else yield start + jsonAt(member, depth + 1);
      first = false;
    }
  }
  yield first ? `${open}${close}` : `\n${'  '.repeat(depth)}${close}`;
}

/** Written a part at a time (jsonParts), not whole. */
const streamed = (value: unknown): boolean => value instanceof JsonItems || value instanceof JsonMembers;

/** toJson a part at a time: the same bytes, JsonItems and JsonMembers written as they are made. */
export function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonParts(value);
  yield '\n';
}

/** A JSON array an item at a time: the same bytes as toJson of the array. */
export const jsonArray = (items: Iterable<unknown>): Generator<string> => jsonDocument(new JsonItems(items));
