// Reading a file (or standard input) to text. The encoding is decided per file from evidence,
// never guessed into mojibake: UTF-8 with or without BOM; UTF-16 with a BOM (Excel's "Unicode
// text"); or Windows-1252 as GOV.UK downloads and older Excel write it, when the bytes can be
// nothing else. A file that mixes UTF-8 with another encoding, or whose accents read as symbols
// in Windows-1252 (Mac Roman), is refused naming its first bad line. Reads stop at a size limit
// (README "Limits"), so /dev/zero or an endless pipe is refused, not read until memory runs out.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { SitError, dataError } from '../errors.js';
import { readError, shortPathText } from './file-errors.js';

export interface TextSource {
  /** The name used in messages: the path as given, or "standard input". */
  display: string;
  text: string;
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
}

/** The largest data file read whole (bigger CSV files are classified by streaming). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** The largest config, answers file or template. */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const tooBigLine = (display: string, limit: number) =>
  `${shortPathText(display)}: is larger than ${mb(limit)}, the most sit reads (see "Limits" in the README); is this the right file?`;
const tooBig = (display: string, limit: number) => dataError(tooBigLine(display, limit));

/** The bytes of a file or of standard input ("-"), refusing more than `limit`. */
export async function readBytes(
  path: string,
  stdin: NodeJS.ReadableStream,
  display = path,
  limit = MAX_INPUT_BYTES,
): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > limit) throw tooBig(display, limit);
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(display, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw readError(display, Object.assign(new Error('folder'), { code: 'EISDIR' }));
    if (info.isFile() && info.size > limit) throw tooBig(display, limit);
    // Devices and pipes have no size: read in pieces, up to the limit.
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - size));
      const { bytesRead } = await handle.read(piece, 0, piece.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) throw tooBig(display, limit);
      chunks.push(piece.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') throw readError(display, error);
    throw error;
  } finally {
    await handle.close();
  }
}

const cp1252 = new TextDecoder('windows-1252');

/**
 * C1 control characters (U+0080-U+009F) never belong in a school file: they are Windows-1252
 * bytes that a converter carried over unchanged (U+0096 for an en dash in Ofsted's statistics).
 * Each becomes the character Windows-1252 meant.
 */
/** Windows-1252 bytes 0x80-0x9F (Node's decoder may leave them as C1 controls); unused ones as a space. */
const CP1252_HIGH =
  '\u20ac\u0020\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0020\u017d\u0020\u0020\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0020\u017e\u0178';

export function repairC1(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** True when the bytes hold at least one well-formed UTF-8 sequence of two or more bytes. */
export function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0xc2 && b <= 0xf4 && firstInvalidUtf8(bytes.subarray(i, i + (b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4))) === -1)
      return true;
  }
  return false;
}

/** Line (1-based) of a byte offset. */
export function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const isLower = (b: number) => b >= 0x61 && b <= 0x7a;
const isLetter = (b: number) => isLower(b) || (b >= 0x41 && b <= 0x5a);
/** Windows-1252 bytes that do stand between letters in real text: quotes, dashes, š œ ž. */
const BETWEEN_LETTERS = new Set([0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9a, 0x9c, 0x9e]);

/**
 * Evidence that bytes are not Windows-1252: a byte Windows-1252 leaves undefined, or an accent
 * that reads there as a symbol or a capital inside a lower-case word ("Caf\x8E" is "Café" in Mac
 * Roman and "CafŽ" in Windows-1252). Returns the offset of the first such byte, or -1.
 */
export function notWindows1252(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return i;
    const inWord = i > 0 && isLower(bytes[i - 1]) && i + 1 < bytes.length && isLetter(bytes[i + 1]);
    if (!inWord) continue;
    if (b <= 0x9f && !BETWEEN_LETTERS.has(b)) return i;
    if (b >= 0xc0 && b <= 0xde && b !== 0xd7 && isLower(bytes[i + 1])) return i;
  }
  return -1;
}

const SAVE_AS = 'save it from Excel as "CSV UTF-8"';

export function decode(bytes: Buffer, display: string): TextSource {
  // UTF-16 with a byte-order mark: Excel's "Unicode text".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return {
        display,
        text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)),
        encoding: 'utf-16',
      };
    } catch {
      throw dataError(`${display}: starts as UTF-16 text but is not valid UTF-16 further on; ${SAVE_AS}`);
    }
  }
  if (bytes.includes(0)) {
    throw dataError(`${display}: this is not a text file (it contains NUL bytes); ${SAVE_AS}`);
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  if (isUtf8(body)) return { display, text: repairC1(body.toString('utf8')), encoding: 'utf-8' };
  const bad = firstInvalidUtf8(body);
  if (start === 3 || hasUtf8Sequence(body)) {
    throw dataError(
      `${display}:${lineOf(body, bad)}: this line is not UTF-8 although the file has UTF-8 text elsewhere (two encodings mixed); ${SAVE_AS}`,
    );
  }
  const odd = notWindows1252(body);
  if (odd >= 0) {
    throw dataError(
      `${display}:${lineOf(body, odd)}: cannot tell this file's encoding (byte 0x${body[odd].toString(16).toUpperCase()} is not Windows-1252 text; a Mac file?); ${SAVE_AS}`,
    );
  }
  return { display, text: repairC1(cp1252.decode(body)), encoding: 'windows-1252' };
}

/**
 * A config, answers file or template (read synchronously, as the config is): UTF-8 only (YAML is
 * UTF-8), at most MAX_SETTINGS_BYTES. Problems are thrown with `fail`'s kind (78 for a config).
 */
export function readSettingsText(
  path: string,
  display: string,
  fail: (line: string) => SitError = dataError,
  what = 'file',
): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(display, error, what);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (fstatSync(fd).isDirectory())
      throw readError(display, Object.assign(new Error('folder'), { code: 'EISDIR' }), what);
    for (;;) {
      const piece = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, piece, 0, piece.length, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_SETTINGS_BYTES) throw fail(tooBigLine(display, MAX_SETTINGS_BYTES));
      chunks.push(piece.subarray(0, n));
    }
  } catch (error) {
    if (error instanceof SitError) throw error;
    throw readError(display, error, what);
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.concat(chunks);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    throw fail(
      `${shortPathText(display)}:${lineOf(body, firstInvalidUtf8(body))}: not UTF-8 text (saved as Windows-1252?); save it as UTF-8`,
    );
  }
  return body.toString('utf8');
}

export async function readText(
  path: string,
  stdin: NodeJS.ReadableStream,
  display = path === '-' ? 'standard input' : path,
): Promise<TextSource> {
  return decode(await readBytes(path, stdin, display), display);
}
