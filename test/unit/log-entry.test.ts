import { describe, expect, it } from 'vitest';
import { entryFromFlags } from '../../src/core/log.js';

const context = {
  asOf: '2027-01-20',
  names: new Map([[100004, 'Dunmore Primary School']]),
  hasData: true,
  activities: [{ id: 'health-check', name: 'Health check' }],
  people: [{ name: "Anne O'Neill" }],
};
const flags = { school: '100004', activity: 'health check', date: '2027-01-19', days: '1', person: "ANNE O'NEILL" };

describe('a visit log entry from sit log add (core/log.ts entryFromFlags)', () => {
  it("takes the person and the activity as the trust's config spells them, with nothing to note", () => {
    const checked = entryFromFlags(flags, context);
    expect('entry' in checked && checked.entry).toMatchObject({ person: "Anne O'Neill", activity: 'health-check' });
    expect('notes' in checked && checked.notes).toEqual([]);
  });

  it('logs a person not in capacity: and an activity not in the policy as given, and says so', () => {
    const checked = entryFromFlags({ ...flags, person: 'Sam Lee', activity: 'Governor training' }, context);
    expect('entry' in checked && checked.entry).toMatchObject({ person: 'Sam Lee', activity: 'Governor training' });
    expect('notes' in checked && checked.notes).toEqual([
      'warning: Sam Lee is not in capacity: in trust.config.yaml; logged as given',
      'note: "Governor training" is not an activity of the policy: logged as free text (it marks no planned event)',
    ]);
  });

  it('warns of no one when capacity: names no one, and says when the URN could not be checked', () => {
    const checked = entryFromFlags({ ...flags, person: 'Sam Lee' }, { ...context, people: [], hasData: false });
    expect('notes' in checked && checked.notes).toEqual([
      'note: no schools: in trust.config.yaml, so the URN was not checked',
    ]);
  });
});
