// A re-tiered placement is a copy of the computed one made key by key from PLACEMENT_KEYS
// (core/tier-changes.ts): the list must name every field a placement holds, in its order, or a
// field added to placements would vanish from every re-tiered school without a word.
import { describe, expect, it } from 'vitest';
import { classify, PLACEMENT_KEYS } from '../../src/core/classify.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

describe('PLACEMENT_KEYS', () => {
  it('names every field of a placement, in the order placing gives them', () => {
    for (const preset of ['rlt-categories', 'four-tier']) {
      const [placement] = classify(fixtureSchools(), presetPolicy(preset), { asOf: '2026-09-01' }).placements;
      expect(Object.keys(placement)).toEqual([...PLACEMENT_KEYS]);
    }
  });
});
