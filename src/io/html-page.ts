// sit's one-page HTML document (templates/table.html): a title, lines of text under it, the body,
// lines at the foot. For explain, budget and the report's parts; formats/html.ts has its own for
// one table.
import pageTemplate from '../../templates/table.html';
import { escapeHtml, fillTemplate } from './formats/html.js';

/** Lines of text as HTML paragraphs, each escaped. */
export const paragraphsHtml = (lines: readonly string[]): string[] => lines.map((l) => `<p>${escapeHtml(l)}</p>`);

/** The page with this title (text), these lines under it (text) and this body (markup). */
export function htmlPage(title: string, lines: readonly string[], body: string): string {
  return fillTemplate(pageTemplate, {
    title: escapeHtml(title),
    subtitle: paragraphsHtml(lines).join('\n'),
    table: body,
    footer: '',
  });
}
