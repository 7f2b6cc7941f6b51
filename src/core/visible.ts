// Text from data shown to a person in a terminal or a message: control characters (an escape
// sequence in a school name could retitle or clear the terminal) and invisible ones (a zero-width
// space in a URN) are shown as escapes, never passed through raw or shown as if absent.

// C0 and C1 controls and DEL; zero-width, direction and other format characters; BOM; interlinear marks.
// eslint-disable-next-line no-control-regex
const HIDDEN =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// eslint-disable-next-line no-control-regex
const HIDDEN_OR_NEWLINE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const escapeChar = (ch: string) => {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** The text with hidden characters as escapes (\x1B, \u200B); line breaks kept unless `oneLine`. */
export function visible(text: string, oneLine = false): string {
  return text.replace(oneLine ? HIDDEN_OR_NEWLINE : HIDDEN, escapeChar);
}

/** The longest value an error message quotes. */
export const MAX_QUOTED = 200;

/** A value quoted in a message: on one line, hidden characters escaped, at most MAX_QUOTED characters. */
export function quoted(value: string): string {
  const shown = visible(value, true);
  if (shown.length <= MAX_QUOTED) return `"${shown}"`;
  return `"${shown.slice(0, MAX_QUOTED)}…" (${value.length.toLocaleString('en-GB')} characters)`;
}

/** A message line: hidden characters escaped, and a very long line cut in the middle. */
export function messageLine(line: string, max = 360): string {
  const shown = visible(line, true);
  if (shown.length <= max) return shown;
  const head = Math.floor(max / 2);
  return `${shown.slice(0, head)} … ${shown.slice(shown.length - (max - head - 3))}`;
}
