// The one zip writer (src/io/zip.ts): a part given as text in pieces, made as it is zipped (a
// workbook's sheet, a batch of rows at a time), gives the same bytes as the part given whole, and
// is made well-formed piece by piece.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { zipEntries } from '../../src/io/zip.js';

const pieces = ['<a>', 'Ash\uFFFEgrove \u0001', 'St Thérèse’s \u{1F3EB}', '</a>'];

describe('zipEntries', () => {
  it('a part in pieces zips to the bytes of the part whole, as text or as bytes', () => {
    const whole = zipEntries({ 'x.xml': pieces.join('') });
    expect(Buffer.from(zipEntries({ 'x.xml': pieces })).equals(Buffer.from(whole))).toBe(true);
    expect(Buffer.from(zipEntries({ 'x.xml': strToU8(pieces.join('')) })).equals(Buffer.from(whole))).toBe(true);
  });
  it('reads parts in pieces in order, so a later part holds what an earlier one made (shared strings after sheets)', () => {
    const made: string[] = [];
    function* sheet() {
      made.push('Ashgrove');
      yield '<sheet/>';
    }
    function* strings() {
      yield `<sst>${made.join('')}</sst>`;
    }
    const entries = unzipSync(zipEntries({ 'sheet.xml': sheet(), 'strings.xml': strings() }));
    expect(Object.keys(entries)).toEqual(['sheet.xml', 'strings.xml']);
    expect(strFromU8(entries['strings.xml'])).toBe('<sst>Ashgrove</sst>');
  });
  it('each piece of an XML part has the characters XML forbids replaced; other parts are as given', () => {
    const entries = unzipSync(zipEntries({ 'x.xml': pieces, 'x.txt': ['\u0001', 'b'] }));
    expect(strFromU8(entries['x.xml'])).toBe('<a>Ash\uFFFDgrove \uFFFDSt Thérèse’s \u{1F3EB}</a>');
    expect(strFromU8(entries['x.txt'])).toBe('\u0001b');
  });
});
