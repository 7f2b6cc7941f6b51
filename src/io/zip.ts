// The one zip writer for Office files (.xlsx and .docx): the same entries give the same bytes on
// any machine, in any time zone (SPEC section 5), and every XML part is well-formed XML 1.0.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * A zip stores local DOS times and fflate reads the local components of a Date: a date built
 * from local components (not a UTC instant, which is 1979 west of Greenwich) gives the same
 * stored time, 1980-01-01 00:00, in every time zone.
 */
const epoch = () => new Date(1980, 0, 1, 0, 0, 0);

/** Characters XML 1.0 forbids anywhere (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same characters written as references (&#1; &#xFFFE;), which are just as forbidden. */
const XML_FORBIDDEN_REF = /&#(?:x0*([0-9a-f]+)|0*([0-9]+));/gi;

function forbiddenCode(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) ||
    code === 0xfffe ||
    code === 0xffff ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code > 0x10ffff
  );
}

/** XML text with every forbidden character (or reference to one) replaced by U+FFFD, shown as a replacement mark. */
export function xmlSafe(xml: string): string {
  return xml
    .replace(XML_FORBIDDEN, '\ufffd')
    .replace(XML_FORBIDDEN_REF, (ref, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return forbiddenCode(code) ? '\ufffd' : ref;
    });
}

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * An entry: bytes, or text sit wrote itself: one string, or an iterable of strings made when the
 * entry's turn comes (a sheet a few hundred rows at a time), each whole characters (no surrogate
 * pair split). Each string is made into bytes as it comes; the entry's bytes are then zipped whole.
 */
export type ZipEntry = Uint8Array | string | Iterable<string>;

function entryBytes(name: string, data: ZipEntry): Uint8Array {
  const xml = isXmlPart(name);
  if (data instanceof Uint8Array) return xml ? strToU8(xmlSafe(strFromU8(data))) : data;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const text of typeof data === 'string' ? [data] : data) {
    const bytes = strToU8(xml ? xmlSafe(text) : text);
    chunks.push(bytes);
    size += bytes.length;
  }
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(size);
  let at = 0;
  for (const bytes of chunks) {
    whole.set(bytes, at);
    at += bytes.length;
  }
  return whole;
}

/**
 * Zips the entries in the order given, each with the fixed time, XML parts made well-formed. An
 * iterable entry is read when its turn comes, after the entries before it.
 */
export function zipEntries(entries: Record<string, ZipEntry>): Uint8Array {
  const mtime = epoch();
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [entryBytes(name, data), { mtime }];
  // Level 3, not 6: half the time for a file a tenth larger (a workbook of England's 22,000
  // schools: deflate 0.88 s -> 0.43 s, 1.44 MB -> 1.58 MB). fflate, not Node's zlib, which is faster
  // still but whose bytes change with its build (a different Node gives a different file).
  return zipSync(files, { level: 3, mtime });
}

/** A zip made by a library (which stamps the clock) rewritten by zipEntries; `edit` may change entries first. */
export function rezip(zip: Uint8Array, edit?: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(zip);
  edit?.(entries);
  return zipEntries(entries);
}
