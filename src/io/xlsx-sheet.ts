// What a written workbook needs beyond its cells so it opens and prints right in Excel (SPEC
// section 5): valid sheet names, a filter on the header row, and printing set up (A4 landscape,
// fit to one page wide, the header row repeated on every page). write-excel-file has no options
// for these, so a "feature" of its own adds them to the sheet and workbook XML it writes.

const FORBIDDEN = /[\\/?*[\]:]/g;
/**
 * Controls, lone surrogates, non-characters (U+FFFE ...) and U+FFFD: write-excel-file drops these
 * from the sheet's own name, so they are dropped here too, or the filter and print titles (written
 * by sit with these names) would name a sheet that is not there.
 */
const UNWRITABLE = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\ufffd]/gu;
const MAX = 31;

/**
 * Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :, not starting or
 * ending with an apostrophe, not "History", unique ignoring case. A long title is cut at a word.
 */
export function sheetNames(titles: string[]): string[] {
  const names: string[] = [];
  const taken = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  for (const title of titles) {
    const base =
      cutAtWord(
        title
          .replace(/[\t\n\r]/g, ' ')
          .replace(UNWRITABLE, '')
          .replace(FORBIDDEN, ' ')
          .replace(/\s+/g, ' '),
        MAX,
      ) || 'Sheet';
    let name = base.toLowerCase() === 'history' ? `${base} sheet` : base;
    for (let n = 2; taken(name); n++) name = `${cutAtWord(base, MAX - String(n).length - 1)} ${n}`;
    names.push(name);
  }
  return names;
}

/** At most `max` characters, cut at a space where there is one, with no apostrophe or space at either end. */
function cutAtWord(text: string, max: number): string {
  const tidy = (s: string) => s.replace(/^['\s]+|['\s]+$/g, '');
  const whole = tidy(text);
  if (whole.length <= max) return whole;
  const cut = whole.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return tidy(space > max / 2 ? cut.slice(0, space) : whole.slice(0, max));
}

/** "A", "B", ... "Z", "AA": a column's letters. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const escapeAttribute = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SheetShape {
  name: string;
  columns: number;
  rows: number;
}

/**
 * The write-excel-file feature: for each sheet, fit-to-page printing (one page wide, as many
 * tall as it takes), A4 landscape, and an autofilter over the header and data; in the workbook,
 * the names Excel uses for the filter and for the rows repeated at the top of each printed page.
 */
export function printAndFilter(shapes: SheetShape[]) {
  const range = (s: SheetShape) => `$A$1:$${columnLetters(Math.max(s.columns, 1) - 1)}$${Math.max(s.rows, 1)}`;
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform(xml: string, _options: unknown, { sheetIndex }: { sheetIndex: number }): string {
            const shape = shapes[sheetIndex];
            const withFit = xml.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
            const withFilter = withFit.replace(
              '</sheetData>',
              `</sheetData><autoFilter ref="${range(shape).replace(/\$/g, '')}"/>`,
            );
            return withFilter.replace(
              /<pageSetup\b[^>]*\/>/,
              '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
            );
          },
        },
        'xl/workbook.xml': {
          transform(xml: string): string {
            const names = shapes.flatMap((s, i) => {
              const sheet = `'${escapeAttribute(s.name.replace(/'/g, "''"))}'`;
              return [
                `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet}!${range(s)}</definedName>`,
                `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${sheet}!$1:$1</definedName>`,
              ];
            });
            const existing = /<definedNames\s*\/>|<definedNames>([\s\S]*?)<\/definedNames>/;
            if (existing.test(xml))
              return xml.replace(existing, (_, inner = '') => `<definedNames>${inner}${names.join('')}</definedNames>`);
            return xml.replace(/<calcPr\b|<\/workbook>/, (at) => `<definedNames>${names.join('')}</definedNames>${at}`);
          },
        },
      },
    },
  };
}
