// The one road (issue 13): a file read in chunks gives what reading it whole gave, standard input
// included, and the first problem named is the one reading the whole file met first.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSchoolsFile, schoolsFromBytes } from '../../src/io/read-schools.js';
import { SitError } from '../../src/errors.js';

const work = mkdtempSync(join(tmpdir(), 'sit-road-'));
const write = (name: string, bytes: string | Buffer) => {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
};
const stdin = (bytes: Buffer, piece = 7) => {
  const stream = new PassThrough();
  for (let at = 0; at < bytes.length; at += piece) stream.write(bytes.subarray(at, at + piece));
  stream.end();
  return stream;
};
const problem = async (run: Promise<unknown>) =>
  run.then(
    () => '',
    (error: unknown) => {
      if (!(error instanceof SitError)) throw error;
      return error.lines.join('\n');
    },
  );

/** Rows enough to pass the first chunk of 64 KB the reader takes (and the 1 MB classify holds back). */
const manyRows = (n: number) =>
  Array.from({ length: n }, (_, i) => `${100000 + i},School ${i} with a long enough name to fill,primary,Good`).join(
    '\n',
  );

describe('standard input reads as the file does', () => {
  it('the index column pandas writes is dropped from standard input too (its rows held to the end)', async () => {
    const text = ',urn,name,phase\n0,100001,Ashgrove,primary\n1,100002,Birch,secondary\n';
    const fromFile = await readSchoolsFile(write('index.csv', text), new PassThrough(), 'index.csv');
    const fromStdin = await readSchoolsFile('-', stdin(Buffer.from(text)), 'index.csv');
    expect(fromFile.table.headers).toEqual(['urn', 'name', 'phase']);
    expect(fromStdin.table.headers).toEqual(fromFile.table.headers);
    expect(fromStdin.schools).toEqual(fromFile.schools);
    expect(fromFile.schools[1].extra).toEqual({});
  });
  it('an unnamed column holding text is kept, from a file and from standard input', async () => {
    const text = ',urn,name\nnote,100001,Ashgrove\n';
    const fromFile = await readSchoolsFile(write('text-col.csv', text), new PassThrough(), 'text-col.csv');
    const fromStdin = await readSchoolsFile('-', stdin(Buffer.from(text)), 'text-col.csv');
    expect(fromFile.schools[0].extra).toEqual({ '': 'note' });
    expect(fromStdin.schools).toEqual(fromFile.schools);
  });
  it('an unnamed column of whole numbers in the first rows and text further on is kept, as reading the whole file first keeps it', async () => {
    // Two unnamed columns: the first the index, the second whole numbers for 150 rows, then a note.
    const rows = Array.from(
      { length: 200 },
      (_, i) => `${i},${i < 150 ? i * 2 : 'see note'},${100001 + i},School ${i}`,
    );
    const text = `,,urn,name\n${rows.join('\n')}\n`;
    const fromFile = await readSchoolsFile(write('late-text.csv', text), new PassThrough(), 'late-text.csv');
    const fromStdin = await readSchoolsFile('-', stdin(Buffer.from(text)), 'late-text.csv');
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.table.headers).toEqual(['', 'urn', 'name']);
    expect(fromFile.schools[0].extra).toEqual({ '': '0' });
    expect(fromFile.schools[199].extra).toEqual({ '': 'see note' });
    expect(fromStdin.table.headers).toEqual(fromFile.table.headers);
    expect(fromStdin.schools).toEqual(fromFile.schools);
  });
});

describe('the first problem is the one reading the whole file met first', () => {
  it('NUL bytes after a CSV error are named, as the decoder saw them before the CSV was split', async () => {
    const bytes = Buffer.concat([Buffer.from(`urn,name\n100001,a"b\n${manyRows(30000)}\n`), Buffer.from([0, 0])]);
    expect(await problem(schoolsFromBytes(bytes, 'late-nul.csv', 'late-nul.csv'))).toMatch(
      /^late-nul\.csv: this is not a text file \(it contains NUL bytes\)/,
    );
  });
  it('UTF-8 mixed in after Windows-1252 further on: the first line that is not UTF-8 is named', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`urn,name,phase,ofsted_overall\n100001,Caf`),
      Buffer.from([0xe9]), // Windows-1252 é on line 2
      Buffer.from(`,primary,Good\n${manyRows(30000)}\n200000,Caf`),
      Buffer.from('é,primary,Good\n'), // UTF-8 é two megabytes later
    ]);
    expect(await problem(schoolsFromBytes(bytes, 'mixed.csv', 'mixed.csv'))).toMatch(
      /^mixed\.csv:2: this line is not UTF-8 although the file has UTF-8 text elsewhere/,
    );
  });
  it('a quote never closed near the end is named before a clash of columns at the header', async () => {
    const text = `urn,URN,name\n${manyRows(100)}\n100999,"open,primary\n`;
    expect(await problem(schoolsFromBytes(Buffer.from(text), 'clash.csv', 'clash.csv'))).toMatch(
      /^clash\.csv:102: cannot read this CSV: a quoted value is never closed/,
    );
  });
  it('a Windows-1252 file is read whole-file alike when its first accent comes after the first megabyte', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`urn,name,phase,ofsted_overall\n${manyRows(30000)}\n200000,Caf`),
      Buffer.from([0xe9, 0x96]), // é and an en dash
      Buffer.from(',primary,Good\n'),
    ]);
    const read = await schoolsFromBytes(bytes, 'late.csv', 'late.csv');
    expect(read.encoding).toBe('windows-1252');
    expect(read.schools.at(-1)?.name).toBe('Café–');
  });
});
