// The CSV splitter's fast path for a line without quotes (cells found with indexOf, the next
// delimiter kept across lines): the cells String.split gives, on every line shape and wherever
// the chunks end, and beside quoted lines that take the general path.
import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../src/io/csv-records.js';

/** The records of `text` read in chunks cut at `cuts`: cells and the lines they stand on. */
function records(text: string, delimiter: string, cuts: number[]): [string[], number, number][] {
  const reader = new CsvRecords(delimiter, 't.csv');
  const found: [string[], number, number][] = [];
  const onRecord = (cells: string[], line: number, endLine: number) => found.push([cells, line, endLine]);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(text.slice(from, cut), onRecord);
    from = cut;
  }
  reader.push(text.slice(from), onRecord);
  reader.end(onRecord);
  return found;
}

// Every shape of a plain line: empty cells at each end and between, one cell alone, long runs
// with no delimiter (the kept position must not skip a later line's delimiters).
const LINES = ['a,b,c', ',b,', ',,', 'a', ',', 'abc,,', ',,xyz', 'no delimiter here at all', 'x,y', '1,2,3,4,5,6'];

describe('the plain-line fast path', () => {
  for (const ending of ['\n', '\r\n', '\r']) {
    const name = JSON.stringify(ending);
    it(`gives String.split's cells on their lines, at every chunk edge (${name} lines)`, () => {
      const text = LINES.join(ending) + ending;
      const expected = LINES.map((line, i): [string[], number, number] => [line.split(','), i + 1, i + 1]);
      for (let cut = 0; cut <= text.length; cut++) expect(records(text, ',', [cut])).toEqual(expected);
      for (let cut = 0; cut + 3 <= text.length; cut++)
        expect(records(text, ',', [cut, cut + 1, cut + 3])).toEqual(expected);
    });
  }

  it('a record narrower or wider than the one before has its own cells, no more, no fewer, no holes', () => {
    // Each record's array is made as long as the last one's: every width change, both ways.
    const lines = ['a,b,c,d', 'e', 'f,g', 'h,i,j,k,l,m', 'n,o,p,q,r,s', 'x,y,z'];
    const text = `${lines.join('\n')}\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      const found = records(text, ',', [cut]).map(([cells]) => cells);
      expect(found).toStrictEqual(lines.map((line) => line.split(',')));
      for (const cells of found) expect(Object.keys(cells).length).toBe(cells.length);
    }
  });

  it('with a semicolon, a file without a final line break, and blank lines skipped', () => {
    const text = 'a;b\n\n;;\nlast;line';
    for (let cut = 0; cut <= text.length; cut++)
      expect(records(text, ';', [cut])).toEqual([
        [['a', 'b'], 1, 1],
        [['', '', ''], 3, 3],
        [['last', 'line'], 4, 4],
      ]);
  });

  it('between quoted lines (the general path), each line keeps its own cells', () => {
    const text = 'p,q\n"a,b",c\nd,e,f\n"x\ny",z\ng\nh,i\n';
    const expected = [
      [['p', 'q'], 1, 1],
      [['a,b', 'c'], 2, 2],
      [['d', 'e', 'f'], 3, 3],
      [['x\ny', 'z'], 4, 5],
      [['g'], 6, 6],
      [['h', 'i'], 7, 7],
    ];
    for (let cut = 0; cut <= text.length; cut++) expect(records(text, ',', [cut])).toEqual(expected);
  });
});
