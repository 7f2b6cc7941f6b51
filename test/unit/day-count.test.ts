// Over-allocation lines say "by 1 day", not "by 1 days" (seen in the board report of the fixture trust).
import { describe, expect, it } from 'vitest';
import { dayCount } from '../../src/io/budget-output.js';

describe('dayCount', () => {
  it('one day is singular; every other number, halves included, is plural', () => {
    expect(dayCount(1)).toBe('1 day');
    expect(dayCount(0.5)).toBe('0.5 days');
    expect(dayCount(13.5)).toBe('13.5 days');
    expect(dayCount(2)).toBe('2 days');
  });
});
