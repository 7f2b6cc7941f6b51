// JSON output: whole, or an array a part at a time with the same bytes (sit classify's streamed
// road, which loads none of the other writers).

/** JSON as `JSON.stringify(value, null, 2)` writes it, with a final line break. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * One item of a JSON array written a part at a time, as toJson writes it within the array; `indent`
 * is the array's own (an array that is a member of an object is indented by two spaces).
 */
export function jsonArrayItem(item: unknown, first: boolean, indent = ''): string {
  const within = `${indent}  `;
  return `${first ? '[\n' : ',\n'}${within}${JSON.stringify(item ?? null, null, 2).replace(/\n/g, `\n${within}`)}`;
}

/** The start of an item of such an array that is a flat object written member by member (jsonMember). */
export const jsonObjectStart = (first: boolean): string => `${first ? '[\n' : ',\n'}  {\n`;

/**
 * One member of such an object (a string, number or null), as jsonArrayItem writes it: the last
 * closes the object. For a writer that keeps each repeated member's text (a million events).
 */
export const jsonMember = (key: string, value: string | number | null, last = false): string =>
  `    ${JSON.stringify(key)}: ${JSON.stringify(value)}${last ? '\n  }' : ',\n'}`;

/** The end of such an array (empty: the whole of it) within what holds it, as jsonArrayItem's `indent`. */
export const jsonArrayClose = (empty: boolean, indent = ''): string => (empty ? '[]' : `\n${indent}]`);

/** The end of such an array that is the whole text (empty: the whole of it). */
export const jsonArrayEnd = (empty: boolean): string => `${jsonArrayClose(empty)}\n`;

/** A JSON array an item at a time: the same bytes as toJson of the array. */
export function* jsonArray(items: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const item of items) {
    yield jsonArrayItem(item, first);
    first = false;
  }
  yield jsonArrayEnd(first);
}
