// The date check runs for every date cell, so it does arithmetic instead of making a Date; this
// holds it to the Date-based check it replaced, and the CSV neutralisation to its rule.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDate } from '../../src/core/values.js';
import { neutralise } from '../../src/io/formats/csv.js';

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

it('accepts exactly the real dates (as Date.UTC judges them), ISO and day-first', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const pad = (n: number, w: number) => String(n).padStart(w, '0');
      expect(parseDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`).ok).toBe(isRealDate(y, m, d));
      if (y >= 1000 && !(y === 1900 && m === 1 && d === 1)) expect(parseDate(`${pad(d, 2)}/${pad(m, 2)}/${y}`).ok).toBe(isRealDate(y, m, d));
    }),
    { numRuns: 5000 },
  );
});

it('neutralises a text cell exactly when it starts with = + - @ tab or CR and is not a number', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom('-1', '-0.5e3', '+2', '=1', '@x', '\tx', '\rx', '-')), (text) => {
      const risky = /^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
      expect(neutralise(text)).toBe(risky ? `'${text}` : text);
    }),
    { numRuns: 2000 },
  );
});
