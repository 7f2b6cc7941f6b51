// The columns sit does not know are carried through each school as the file has them
// (core/school.ts extrasReader): every header's value, in the file's order; a header written twice
// keeps its first place and its last value; a column with no header only where it holds a value.
import { describe, expect, it } from 'vitest';
import { toSchools } from '../../src/core/school.js';

const extraOf = (headers: string[], cells: string[]) => {
  const result = toSchools(headers, [{ line: 2, cells }]);
  expect(result.problems).toEqual([]);
  return result.schools[0].extra;
};

describe('carried-through columns', () => {
  it('keeps every header, blank values too, in the order of the file', () => {
    const extra = extraOf(['URN', 'Region', 'School name', 'Notes'], ['100001', 'West', 'Ash', '']);
    expect(extra).toEqual({ Region: 'West', Notes: '' });
    expect(Object.keys(extra)).toEqual(['Region', 'Notes']);
  });

  it('gives a header written twice its first place and its last value', () => {
    const extra = extraOf(['Region', 'URN', 'Notes', 'School name', 'Region'], ['West', '100001', 'n', 'Ash', 'East']);
    expect(Object.keys(extra)).toEqual(['Region', 'Notes']);
    expect(extra.Region).toBe('East');
  });

  it('carries a column with no header only where it holds a value', () => {
    const headers = ['URN', '', 'School name', 'Notes'];
    expect(extraOf(headers, ['100001', '', 'Ash', 'n'])).toEqual({ Notes: 'n' });
    expect(extraOf(headers, ['100001', 'x', 'Ash', 'n'])).toEqual({ '': 'x', Notes: 'n' });
  });

  it('takes a header that looks like code as text', () => {
    const header = '"}; throw new Error("x"); ({"';
    expect(extraOf(['URN', 'School name', header], ['100001', 'Ash', 'v'])).toEqual({ [header]: 'v' });
  });
});
