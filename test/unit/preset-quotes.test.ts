// Every `source:` of every preset quotes its source document word for word (issue 11), in every
// section (tiers, thresholds, fields, calendar, budget). The documents are kept beside the presets
// (presets/sources/, mapped in its README), so the check needs nothing outside the repository.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/preset-texts.js';
import { missingFragment, sourceQuotes } from '../helpers/quotes.js';

const DOCUMENTS: Record<string, string> = {
  'dfe-tsio-2023': '000_6a3914e7fe04830a.txt',
  'four-tier': '001_69de55ded7bf98eb.txt',
  'rlt-categories': '002_9690624474925d6d.txt',
  'equals-categories': '003_8ffc23251cc4b030.txt',
  'ult-core-second-tier': '004_521afea5b1118792.txt',
};
/**
 * Presets that follow no document in presets/sources/, and why. rise-2025 follows the DfE's
 * published RISE definitions (SPEC section 2), which are not among the source documents.
 */
const NOT_FROM_A_DOCUMENT: Record<string, string> = {
  'rise-2025': "the DfE's published RISE definitions, not a document in presets/sources/",
};

const document = (file: string) => readFileSync(new URL(`../../presets/sources/${file}`, import.meta.url), 'utf8');

describe('the quote check itself', () => {
  const doc =
    'Tier 4 Stabilise (Trust led)\n\n- Attendance and PA (well) below national averages\n- CEO 1:1 every week';
  it('accepts a quote that differs only in whitespace', () => {
    expect(missingFragment('Attendance and PA (well)   below\nnational averages', doc)).toBeNull();
  });
  it('accepts fragments joined by "..." in the order of the document', () => {
    expect(missingFragment('Tier 4 Stabilise ... CEO 1:1 every week', doc)).toBeNull();
  });
  it('names the first fragment that is not in the document', () => {
    expect(missingFragment('Tier 4 Stabilise ... CEO 1:1 every fortnight', doc)).toBe('CEO 1:1 every fortnight');
    expect(missingFragment('Tier 4 Stabilise: the school is in an Ofsted category', doc)).toBe(
      'Tier 4 Stabilise: the school is in an Ofsted category',
    );
  });
  it('rejects fragments out of order, and a change of case', () => {
    expect(missingFragment('CEO 1:1 every week ... Tier 4 Stabilise', doc)).toBe('Tier 4 Stabilise');
    expect(missingFragment('attendance and PA (well) below national averages', doc)).not.toBeNull();
  });
  it('finds every source: in a YAML tree, with its path', () => {
    const yaml =
      'source: a\ntiers:\n  - rules:\n      - { name: x, source: b }\nbudget:\n  tiers:\n    t: [{ name: y, source: c }]\n';
    expect(sourceQuotes(yaml)).toEqual([
      { path: 'source', text: 'a' },
      { path: 'tiers[0].rules[0].source', text: 'b' },
      { path: 'budget.tiers.t[0].source', text: 'c' },
    ]);
  });
});

describe('every source: of every preset is a verbatim quote of its source document', () => {
  it('every shipped preset is mapped to its document, or excluded with a reason', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(
      [...Object.keys(DOCUMENTS), ...Object.keys(NOT_FROM_A_DOCUMENT)].sort(),
    );
  });
  it.each(Object.keys(DOCUMENTS))('%s', (preset) => {
    const text = document(DOCUMENTS[preset]);
    const quotes = sourceQuotes(PRESETS[preset]);
    expect(quotes.length).toBeGreaterThan(0);
    const wrong = quotes
      .map((q) => ({ q, missing: missingFragment(q.text, text) }))
      .filter((r) => r.missing !== null)
      .map((r) => `${preset} ${r.q.path}: not in ${DOCUMENTS[preset]}: "${r.missing}"`);
    expect(wrong).toEqual([]);
  });
});
