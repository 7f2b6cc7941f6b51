// Reading a file (or standard input) to text. The encoding is decided per file from evidence,
// never guessed into mojibake: UTF-8 with or without BOM; UTF-16 with a BOM (Excel's "Unicode
// text"); or Windows-1252 as GOV.UK downloads and older Excel write it, when the bytes can be
// nothing else. A file that mixes UTF-8 with another encoding, or whose accents read as symbols
// in Windows-1252 (Mac Roman), is refused naming its first bad line. Reads stop at a size limit
// (README "Limits"), so /dev/zero or an endless pipe is refused, not read until memory runs out.
import { isUtf8 } from 'node:buffer';
import { close, closeSync, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs';
import { SitError, dataError } from '../errors.js';
import { readError, shortPathText } from './file-errors.js';
import { firstInvalidUtf8, lineOf, TextStream, type Encoding } from './text-stream.js';

export { firstInvalidUtf8, hasUtf8Sequence, lineOf, notWindows1252, repairC1 } from './text-stream.js';

export interface TextSource {
  /** The name used in messages: the path as given, or "standard input". */
  display: string;
  text: string;
  encoding: Encoding;
}

/** The largest data file sit reads for a command that holds its schools (classify streams any size). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** The largest config, answers file or template. */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const tooBigLine = (display: string, limit: number) =>
  `${shortPathText(display)}: is larger than ${mb(limit)}, the most sit reads (see "Limits" in the README); is this the right file?`;
export const tooBig = (display: string, limit: number) => dataError(tooBigLine(display, limit));

/**
 * A file or standard input ("-") in pieces as it is read, refusing more than `limit` bytes: the
 * one way sit reads input bytes, whole (readBytes) or streamed (io/read-records.ts).
 */
export async function* readChunks(
  path: string,
  stdin: AsyncIterable<unknown> | Iterable<unknown>,
  display = path,
  limit = MAX_INPUT_BYTES,
  chunkSize = 1 << 16,
): AsyncGenerator<Buffer> {
  if (path === '-') {
    let size = 0;
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > limit) throw tooBig(display, limit);
      yield bytes;
    }
    return;
  }
  let fd: number;
  try {
    fd = await callback<number>((done) => open(path, 'r', done));
  } catch (error) {
    throw readError(display, error);
  }
  try {
    let info: Stats;
    try {
      info = await callback<Stats>((done) => fstat(fd, done));
    } catch (error) {
      throw readError(display, error);
    }
    if (info.isDirectory()) throw readError(display, Object.assign(new Error('folder'), { code: 'EISDIR' }));
    if (info.isFile() && info.size > limit) throw tooBig(display, limit);
    // Devices and pipes have no size: read in pieces, up to the limit. A regular file's pieces are
    // read at once (a read waits for no one; each through the thread pool cost 20 ms in an 18 MB file).
    const file = info.isFile();
    let size = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(chunkSize, limit + 1 - size));
      let bytesRead: number;
      try {
        bytesRead = file
          ? readSync(fd, piece, 0, piece.length, null)
          : await callback<number>((done) => read(fd, piece, 0, piece.length, null, done));
      } catch (error) {
        throw readError(display, error);
      }
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) throw tooBig(display, limit);
      yield piece.subarray(0, bytesRead);
    }
  } finally {
    await callback((done) => close(fd, done));
  }
}

/**
 * A call of Node's callback API as a promise. Not node:fs/promises: loading it (and the modules it
 * loads, readline's among them) was ~5% of a small classify's instructions (start-up, SPEC section 8).
 */
export function callback<T = void>(call: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
}

/** The bytes of a file or of standard input ("-"), refusing more than `limit`. */
export async function readBytes(
  path: string,
  stdin: NodeJS.ReadableStream,
  display = path,
  limit = MAX_INPUT_BYTES,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const bytes of readChunks(path, stdin, display, limit, 1 << 20)) chunks.push(bytes);
  return Buffer.concat(chunks);
}

/** A whole buffer decoded as the reader decodes a stream (text-stream.ts); its problem thrown. */
export function decode(bytes: Uint8Array, display: string): TextSource {
  const stream = new TextStream(display);
  const text = stream.push(bytes) + stream.end();
  const problem = stream.problem;
  if (problem) throw problem;
  return { display, text, encoding: stream.encoding };
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
