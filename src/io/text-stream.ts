// Bytes to text, a chunk at a time, deciding the encoding from the evidence of the whole file
// without holding it: UTF-8 with or without BOM; UTF-16 with a BOM (Excel's "Unicode text"); or
// Windows-1252 as GOV.UK downloads and older Excel write it, when the bytes can be nothing else.
// The file's problem is the one reading it whole would name, whichever chunk shows it: NUL bytes
// anywhere first, then UTF-8 mixed with another encoding (at the first line that is not UTF-8),
// then a byte Windows-1252 cannot mean (a Mac file), each with its line.
import { isAscii, isUtf8 } from 'node:buffer';
import { dataError, type SitError } from '../errors.js';

const SAVE_AS = 'save it from Excel as "CSV UTF-8"';

/** Windows-1252 bytes 0x80-0x9F (Node's decoder may leave them as C1 controls); unused ones as a space. */
const CP1252_HIGH =
  '\u20ac\u0020\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0020\u017d\u0020\u0020\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0020\u017e\u0178';

/**
 * C1 control characters (U+0080-U+009F) never belong in a school file: they are Windows-1252
 * bytes that a converter carried over unchanged (U+0096 for an en dash in Ofsted's statistics).
 * Each becomes the character Windows-1252 meant.
 */
export function repairC1(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/**
 * Well-formed UTF-8 as text with its C1 controls repaired, as repairC1(bytes.toString()) gives:
 * a C1 control is the bytes 0xC2 0x80-0x9F, so the text is decoded in the pieces between them,
 * about three times quicker for an Ofsted file with an en dash every few rows. Where 0xC2 starts
 * many other characters (U+00A0-U+00BF: no-break spaces, pound signs), repairC1 is quicker.
 */
function utf8Text(bytes: Buffer): string {
  let text = '';
  let from = 0;
  let others = 0;
  for (let at = bytes.indexOf(0xc2); at >= 0; at = bytes.indexOf(0xc2, at + 1)) {
    const next = bytes[at + 1];
    if (!(next >= 0x80 && next <= 0x9f)) {
      if (++others > 64) return repairC1(bytes.toString('utf8'));
      continue;
    }
    text += bytes.toString('utf8', from, at) + CP1252_HIGH[next - 0x80];
    from = at + 2;
  }
  return from === 0 ? bytes.toString('utf8') : text + bytes.toString('utf8', from);
}

/**
 * Windows-1252 as text: each byte the character of the same number (Latin-1), but 0x80-0x9F, which
 * repairC1 makes the characters Windows-1252 means. The same text as repairC1 of a TextDecoder's,
 * whether that decodes 0x80-0x9F (as Windows-1252) or leaves them (as Latin-1, Node 20), and
 * quicker than either.
 */
const windows1252Text = (bytes: Buffer): string => repairC1(bytes.toString('latin1'));

/**
 * The stretches of bytes[from, to) that hold a byte above 0x7F, in order, each at most 512 bytes
 * long: found by halving with isAscii (native) rather than by a loop over every byte, as most
 * bytes of a data file are ASCII.
 */
function* notAscii(bytes: Buffer, from: number, to: number): Generator<[number, number]> {
  if (from >= to || isAscii(bytes.subarray(from, to))) return;
  if (to - from <= 512) {
    yield [from, to];
    return;
  }
  const middle = (from + to) >>> 1;
  yield* notAscii(bytes, from, middle);
  yield* notAscii(bytes, middle, to);
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

/** True when a well-formed UTF-8 sequence of two or more bytes starts in bytes[from, to). */
export function hasUtf8Sequence(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to && i + 1 < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0xc2 && b <= 0xf4 && firstInvalidUtf8(bytes.subarray(i, i + (b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4))) === -1)
      return true;
  }
  return false;
}

/** Line (1-based) of a byte offset. */
export function lineOf(bytes: Uint8Array, offset: number): number {
  return 1 + newlines(bytes, 0, offset);
}

function newlines(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, bytes.length);
  for (let i = bytes.indexOf(10, from); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

const isLower = (b: number) => b >= 0x61 && b <= 0x7a;
const isLetter = (b: number) => isLower(b) || (b >= 0x41 && b <= 0x5a);
/** Windows-1252 bytes that do stand between letters in real text: quotes, dashes, š œ ž. */
const BETWEEN_LETTERS = new Set([0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9a, 0x9c, 0x9e]);

/**
 * Evidence that bytes are not Windows-1252: a byte Windows-1252 leaves undefined, or an accent
 * that reads there as a symbol or a capital inside a lower-case word ("Caf\x8E" is "Café" in Mac
 * Roman and "CafŽ" in Windows-1252). Returns the offset of the first such byte in bytes[from, to)
 * (its neighbours may lie outside), or -1.
 */
export function notWindows1252(bytes: Uint8Array, from = 0, to = bytes.length): number {
  for (let i = from; i < to; i++) {
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

/** Bytes at the end that begin a UTF-8 sequence the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const size = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      return size > back ? back : 0;
    }
  }
  return 0;
}

export type Encoding = 'utf-8' | 'utf-16' | 'windows-1252';

/** Decodes a file's bytes chunk by chunk; `problem` is what reading it whole would refuse it for. */
export class TextStream {
  encoding: Encoding = 'utf-8';
  private mode: 'start' | 'utf-8' | 'windows-1252' | 'utf-16' = 'start';
  private head: Buffer = Buffer.alloc(0);
  /** UTF-8: the start of a sequence the next chunk completes. */
  private pending: Buffer = Buffer.alloc(0);
  private bom = false;
  /** A well-formed UTF-8 sequence of two or more bytes has been seen. */
  private multibyte = false;
  /** Line feeds before the bytes being decoded. */
  private lines = 0;
  /** Windows-1252: the last bytes of the previous chunk, for the checks that look at neighbours. */
  private carry: Buffer = Buffer.alloc(0);
  private firstInvalidLine = 0;
  private utf16: TextDecoder | null = null;
  private nul = false;
  private mixedLine: number | null = null;
  private odd: { line: number; byte: number } | null = null;
  private utf16Bad = false;

  constructor(private readonly display: string) {}

  /** The first problem by the whole-file order, or null. */
  get problem(): SitError | null {
    const display = this.display;
    if (this.nul) return dataError(`${display}: this is not a text file (it contains NUL bytes); ${SAVE_AS}`);
    if (this.mixedLine !== null)
      return dataError(
        `${display}:${this.mixedLine}: this line is not UTF-8 although the file has UTF-8 text elsewhere (two encodings mixed); ${SAVE_AS}`,
      );
    if (this.odd !== null)
      return dataError(
        `${display}:${this.odd.line}: cannot tell this file's encoding (byte 0x${this.odd.byte.toString(16).toUpperCase()} is not Windows-1252 text; a Mac file?); ${SAVE_AS}`,
      );
    if (this.utf16Bad)
      return dataError(`${display}: starts as UTF-16 text but is not valid UTF-16 further on; ${SAVE_AS}`);
    return null;
  }

  push(bytes: Uint8Array): string {
    if (this.mode === 'start') {
      this.head = Buffer.concat([this.head, bytes]);
      if (this.head.length < 3) return '';
      return this.begin(false);
    }
    return this.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), false);
  }

  end(): string {
    if (this.mode === 'start') return this.begin(true);
    return this.decode(Buffer.alloc(0), true);
  }

  private begin(final: boolean): string {
    const bytes = this.head;
    this.head = Buffer.alloc(0);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      this.mode = 'utf-16';
      this.encoding = 'utf-16';
      this.utf16 = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true });
      return this.decode(bytes.subarray(2), final);
    }
    this.mode = 'utf-8';
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.bom = true;
      return this.decode(bytes.subarray(3), final);
    }
    return this.decode(bytes, final);
  }

  private decode(chunk: Buffer, final: boolean): string {
    if (this.mode === 'utf-16') {
      try {
        return this.utf16!.decode(chunk, { stream: !final });
      } catch {
        this.utf16Bad = true;
        return '';
      }
    }
    if (chunk.includes(0)) this.nul = true;
    if (this.mode === 'windows-1252') return this.windows1252(chunk);
    const bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const cut = final ? bytes.length : bytes.length - incompleteTail(bytes);
    const part = bytes.subarray(0, cut);
    if (isUtf8(part)) {
      const ascii = isAscii(part);
      if (!ascii) this.multibyte = true;
      this.pending = Buffer.from(bytes.subarray(cut));
      this.lines += newlines(part, 0, part.length);
      this.keepTail(part);
      // Plain ASCII holds no C1 control to repair: the search of every chunk for one is skipped.
      return ascii ? part.toString('utf8') : utf8Text(part);
    }
    // Not UTF-8 from here: mixed, or (when all before was plain ASCII) Windows-1252.
    const bad = firstInvalidUtf8(bytes);
    const line = this.lines + lineOf(bytes, bad);
    const before = bytes.subarray(0, bad);
    if (this.bom || this.multibyte || !isAscii(before)) {
      this.mixedLine ??= line;
      this.pending = Buffer.alloc(0);
      this.lines += newlines(bytes, 0, bytes.length);
      return '';
    }
    this.mode = 'windows-1252';
    this.encoding = 'windows-1252';
    this.firstInvalidLine = line;
    this.pending = Buffer.alloc(0);
    this.lines += newlines(before, 0, before.length);
    this.keepTail(before);
    return before.toString('latin1') + this.windows1252(bytes.subarray(bad));
  }

  /** The last bytes read (the neighbours notWindows1252 looks at across a chunk's edge). */
  private keepTail(bytes: Buffer): void {
    if (bytes.length >= 4) this.carry = Buffer.from(bytes.subarray(bytes.length - 4));
    else if (bytes.length > 0) {
      const joined = Buffer.concat([this.carry, bytes]);
      this.carry = joined.subarray(Math.max(0, joined.length - 4));
    }
  }

  private windows1252(chunk: Buffer): string {
    const window = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    // The same evidence as for the whole file: no UTF-8 mixed in, nothing Windows-1252 cannot mean
    // (both are bytes above 0x7F, so only the stretches holding one are looked at).
    for (const [from, to] of notAscii(window, 0, window.length)) {
      if (this.mixedLine !== null && this.odd !== null) break;
      if (this.mixedLine === null && hasUtf8Sequence(window, from, to)) this.mixedLine = this.firstInvalidLine;
      if (this.odd === null) {
        const at = notWindows1252(window, from, to);
        if (at >= 0) {
          const carried = newlines(this.carry, 0, this.carry.length);
          this.odd = { line: 1 + this.lines - carried + newlines(window, 0, at), byte: window[at] };
        }
      }
    }
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - 4)));
    this.lines += newlines(chunk, 0, chunk.length);
    return windows1252Text(chunk);
  }
}
