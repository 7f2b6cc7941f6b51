// Reading a file (or standard input) to text: UTF-8 with or without BOM, or Windows-1252 as
// GOV.UK downloads and older Excel write it. The encoding is detected, never guessed into mojibake.
import { readFile, stat } from 'node:fs/promises';
import { notFoundError, dataError } from '../errors.js';

export interface TextSource {
  /** The name used in messages: the path as given, or "standard input". */
  display: string;
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

export async function readBytes(path: string, stdin: NodeJS.ReadableStream, display = path): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw notFoundError(`${display}: is a folder, not a file; give the path of a data file`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof Error && 'code' in error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw notFoundError(`${display}: no such file; check the name and folder`);
      if (code === 'EACCES' || code === 'EPERM') throw notFoundError(`${display}: cannot be read (permission denied)`);
    }
    throw error;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/**
 * C1 control characters (U+0080-U+009F) never belong in a school file: they are Windows-1252
 * bytes that a converter carried over unchanged (U+0096 for an en dash in Ofsted's statistics).
 * Each becomes the character Windows-1252 meant.
 */
/** Windows-1252 bytes 0x80-0x9F (Node's decoder may leave them as C1 controls); unused ones as a space. */
const CP1252_HIGH = '\u20ac\u0020\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0020\u017d\u0020\u0020\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0020\u017e\u0178';

export function repairC1(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

export function decode(bytes: Buffer, display: string): TextSource {
  if (bytes.includes(0)) {
    throw dataError(`${display}: this is not a text file (it contains NUL bytes); save it from Excel as "CSV UTF-8"`);
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { display, text: repairC1(utf8.decode(body)), encoding: 'utf-8' };
  } catch {
    return { display, text: repairC1(cp1252.decode(body)), encoding: 'windows-1252' };
  }
}

export async function readText(path: string, stdin: NodeJS.ReadableStream, display = path === '-' ? 'standard input' : path): Promise<TextSource> {
  return decode(await readBytes(path, stdin, display), display);
}
