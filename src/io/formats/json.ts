// JSON output: whole, or an array a part at a time with the same bytes (sit classify's streamed
// road, which loads none of the other writers).

/** JSON as `JSON.stringify(value, null, 2)` writes it, with a final line break. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One item of a JSON array written a part at a time, as toJson writes it within the array. */
export function jsonArrayItem(item: unknown, first: boolean): string {
  return `${first ? '[\n' : ',\n'}  ${JSON.stringify(item ?? null, null, 2).replace(/\n/g, '\n  ')}`;
}

/** The start of an item of such an array that is a flat object written member by member (jsonMember). */
export const jsonObjectStart = (first: boolean): string => `${first ? '[\n' : ',\n'}  {\n`;

/**
 * One member of such an object (a string, number or null), as jsonArrayItem writes it: the last
 * closes the object. For a writer that keeps each repeated member's text (a million events).
 */
export const jsonMember = (key: string, value: string | number | null, last = false): string =>
  `    ${JSON.stringify(key)}: ${JSON.stringify(value)}${last ? '\n  }' : ',\n'}`;

/** The end of such an array (empty: the whole of it). */
export const jsonArrayEnd = (empty: boolean): string => (empty ? '[]\n' : '\n]\n');

/** A JSON array an item at a time: the same bytes as toJson of the array. */
export function* jsonArray(items: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const item of items) {
    yield jsonArrayItem(item, first);
    first = false;
  }
  yield jsonArrayEnd(first);
}
