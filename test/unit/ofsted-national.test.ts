// A national-size 2024/25 in-year Ofsted file built from the published headers (issue 10's "done
// when"): the only schools still needing data are those whose needed judgement is not in the file.
import { describe, expect, it } from 'vitest';
import { IN_YEAR_2024_25_HEADERS } from '../helpers/ofsted-headers.js';
import { nationalInYear, placeRows } from '../helpers/ofsted-rows.js';

describe('a national in-year file (6,930 schools, the mix of a year of inspections)', () => {
  it('leaves unplaced only the schools whose needed judgement is absent from the file, each naming the field', async () => {
    const national = nationalInYear();
    const placements = await placeRows(
      IN_YEAR_2024_25_HEADERS,
      national.map((n) => n.row),
    );
    const needing = placements.filter((p) => p.tier === null);
    const absent = national.filter((n) => n.absent).map((n) => Number(n.row.URN));
    expect(needing.map((p) => p.school.urn).sort()).toEqual(absent.sort());
    expect(new Set(needing.flatMap((p) => p.missing))).toEqual(new Set(['previous_ofsted_overall']));
    // The README quotes these numbers.
    expect(placements.length).toBe(6930);
    expect(needing.length).toBe(213);
    const ungraded = national.filter((n) =>
      ['section-8', 'monitoring', 'no-formal-designation'].includes(n.kind),
    ).length;
    expect(ungraded).toBe(2842);
  });
});
