// The iCalendar writer's fast paths (issue 13: a year's calendar escapes and folds millions of
// lines) agree with the plain ways they replaced: escapeText's early return for a text with nothing
// to escape, and foldLine's cut by characters for ASCII, against the byte-by-byte fold (foldBytes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeText, foldBytes, foldLine } from '../../src/io/ics.js';

/** escapeText as it was: every replacement, always. */
const escapeReference = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

const pieces = fc.constantFrom(
  'a',
  'Oak ',
  '\\',
  ';',
  ',',
  '\r',
  '\n',
  '\r\n',
  '\u0001',
  '\u007f',
  '\u0085',
  '\t',
  'é',
  '€',
  '😀',
);
const text = (maxLength: number) =>
  fc.oneof(
    fc.array(pieces, { maxLength }).map((list) => list.join('')),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...'abc XYZ-_:()0123456789'), maxLength: maxLength * 3 }),
  );

describe('ICS text fast paths', () => {
  it('escapeText is every replacement', () => {
    fc.assert(
      fc.property(text(40), (t) => escapeText(t) === escapeReference(t)),
      { numRuns: 2000 },
    );
  });

  it('foldLine folds as the byte-by-byte fold does, ASCII or not', () => {
    fc.assert(
      fc.property(text(120), (t) => foldLine(t) === foldBytes(t)),
      { numRuns: 2000 },
    );
    for (const n of [74, 75, 76, 149, 150, 223, 224, 300])
      expect(foldLine('x'.repeat(n))).toBe(foldBytes('x'.repeat(n)));
  });
});
