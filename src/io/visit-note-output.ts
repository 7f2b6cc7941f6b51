// The visit note as Markdown and HTML (the template engine and the shipped templates) and JSON.
import type { VisitNote } from '../core/visit-note.js';
import { toJson } from './render.js';
import { compileTemplate } from './template.js';
import { fill } from './wfap-render.js';
import noteMd from '../../templates/visit-note.md';
import noteHtml from '../../templates/visit-note.html';

/** What the visit-note templates see. */
export function visitNoteView(note: VisitNote) {
  return {
    school: note.school,
    tier: { label: note.tier.label ?? '', retiered: note.tier.retiered ?? '' },
    activity: { name: note.activity.name, kind: note.activity.kind || 'visit' },
    date: note.date,
    lead: note.lead || '(to be named)',
    planned: note.planned ?? '',
    priorities: note.priorities.map((p) => ({ ...p, milestone: p.milestone ?? '' })),
    as_of: note.as_of,
  };
}

const SAMPLE: VisitNote = {
  kind: 'visit-note',
  school: { urn: 100000, name: 's', phase: 'p', trust: 't' },
  as_of: '2026-09-01',
  policy: { id: 'p', name: 'p' },
  tier: { id: 'A', label: 'A', retiered: 'r' },
  activity: { id: 'a', name: 'a', kind: 'QA' },
  date: '2026-09-01',
  lead: 'l',
  planned: 'p',
  term: 'autumn',
  priorities: [{ number: 1, title: 't', milestone: 'm', term: 'autumn term' }],
};

const TEMPLATES = {
  md: { text: noteMd, file: 'templates/visit-note.md' },
  html: { text: noteHtml, file: 'templates/visit-note.html' },
};

/** md, html or json text (docx is visitNoteDocx). */
export function renderVisitNote(note: VisitNote, format: string): string {
  if (format === 'json') return toJson(note);
  if (format !== 'md' && format !== 'html') throw new Error(`renderVisitNote: no writer for ${format}`);
  const shipped = TEMPLATES[format];
  return fill(compileTemplate(shipped.text, visitNoteView(SAMPLE)), visitNoteView(note), format, shipped.file);
}

/** Any format; Word is built by year-docx.ts, loaded only when asked for. */
export async function visitNoteContent(note: VisitNote, format: string): Promise<string | Uint8Array> {
  return format === 'docx' ? (await import('./year-docx.js')).visitNoteDocx(note) : renderVisitNote(note, format);
}
