// `sit explain` as a document for a school or a board (HTML, Markdown): a section per tier, each
// rule a list item with its source and sit's choice under it, and the rule's all of / any of / not /
// count nesting kept as nested lists, so a reader sees which tests each heading joins.
import type { ExplanationDocument, ExplanationItem } from './explanation.js';
import { escapeHtml } from './formats/html.js';
import { pageHtml } from './formats/html.js';
import { escapeMarkdown } from './formats/markdown.js';

/** The outcome as a reader sees it. */
export const outcomeWords = (outcome: boolean | null) =>
  outcome === true ? 'yes' : outcome === false ? 'no' : 'cannot tell (data missing)';
const outcomeClass = (outcome: boolean | null) => (outcome === true ? 'yes' : outcome === false ? 'no' : 'unknown');

function itemHtml(item: ExplanationItem): string {
  const notes = item.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const children = item.children.length ? `\n<ul>\n${item.children.map(itemHtml).join('\n')}\n</ul>` : '';
  return `<li><span class="outcome ${outcomeClass(item.outcome)}">${outcomeWords(item.outcome)}</span> ${escapeHtml(item.text)}${notes}${children}</li>`;
}

export function explanationHtml(doc: ExplanationDocument): string {
  const sections = doc.sections.map((s) =>
    [
      '<section>',
      `<h2>${escapeHtml(s.heading)}</h2>`,
      ...s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
      `<ul class="rules">\n${s.items.map(itemHtml).join('\n')}\n</ul>`,
      '</section>',
    ].join('\n'),
  );
  return pageHtml(doc.title, doc.intro, sections.join('\n'));
}

/** A list item and its children, two spaces deeper a level; notes are lines of the item (hard breaks). */
function itemMarkdown(item: ExplanationItem, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const text = [`**${outcomeWords(item.outcome)}** ${escapeMarkdown(item.text)}`];
  for (const note of item.notes) text.push(escapeMarkdown(note));
  lines.push(`${pad}- ${text.join(`\\\n${pad}  `)}`);
  for (const child of item.children) itemMarkdown(child, depth + 1, lines);
}

export function explanationMarkdown(doc: ExplanationDocument): string {
  const lines = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const line of doc.intro) lines.push(escapeMarkdown(line), '');
  for (const s of doc.sections) {
    lines.push(`## ${escapeMarkdown(s.heading)}`, '');
    for (const note of s.notes) lines.push(escapeMarkdown(note), '');
    for (const item of s.items) itemMarkdown(item, 0, lines);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
