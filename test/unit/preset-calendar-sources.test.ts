// Every source: of every preset's calendar: and budget: sections is a word-for-word quote of its
// source document (whitespace aside; "..." joins fragments that appear in that order), and every
// activity that is not the source's word for word says what the tool chose.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ROOT } from '../helpers/run-sit.js';

const SOURCES = `${ROOT}../shared/sources`;
const FILES: Record<string, string> = {
  'dfe-tsio-2023': '000_6a3914e7fe04830a.txt',
  'four-tier': '001_69de55ded7bf98eb.txt',
  'rlt-categories': '002_9690624474925d6d.txt',
  'equals-categories': '003_8ffc23251cc4b030.txt',
  'ult-core-second-tier': '004_521afea5b1118792.txt',
};
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Where a quote is not in the text: the first fragment not found in order, or null. */
function missingFragment(quote: string, text: string): string | null {
  let at = 0;
  for (const fragment of quote.split('...').map(norm).filter(Boolean)) {
    const i = text.indexOf(fragment, at);
    if (i < 0) return fragment;
    at = i + fragment.length;
  }
  return null;
}

function quotes(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => quotes(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'source' && typeof v === 'string') out.push([path, v]);
      else quotes(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('calendar and budget sources are verbatim', () => {
  it('finds a fragment out of order or missing', () => {
    expect(missingFragment('CEO 1:1 every 4 weeks', 'a CEO 1:1 every 4 weeks b')).toBeNull();
    expect(missingFragment('b ... a', 'a then b')).toBe('a');
    expect(missingFragment('CEO 1:1 every 3 weeks', 'CEO 1:1 every 4 weeks')).toBe('CEO 1:1 every 3 weeks');
  });

  for (const [preset, file] of Object.entries(FILES)) {
    it(preset, () => {
      const doc = parse(readFileSync(`${ROOT}presets/${preset}.yaml`, 'utf8'));
      const text = norm(readFileSync(`${SOURCES}/${file}`, 'utf8'));
      const found = [...quotes(doc.calendar, 'calendar', []), ...quotes(doc.budget, 'budget', [])];
      expect(found.length).toBeGreaterThan(0);
      const bad = found.map(([path, q]) => [path, missingFragment(q, text)]).filter(([, m]) => m !== null);
      expect(bad).toEqual([]);
    });
  }
});
