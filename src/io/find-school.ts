// One school in the data, by URN or by name: what sit explain, card, visit and wfap are about.
import { SitError, usageError } from '../errors.js';
import type { Placement } from '../core/classify.js';

/** What is found: a placement, or a school's row before it is placed (`sit explain` places only the one it finds). */
interface OfSchool {
  school: { urn: number; name: string };
}

/** The school with this URN; a usage error naming the file if it has none (`shown`: the URN as given). */
export function placementByUrn<T extends OfSchool = Placement>(
  placements: T[],
  urn: number,
  file: string,
  shown = String(urn),
  /** The schools in the file, when `placements` holds only those a reading kept (schoolsToFind). */
  total = placements.length,
): T {
  const found = placements.find((p) => p.school.urn === urn);
  if (!found) throw usageError(`URN ${shown} is not in ${file} (${total} schools); check the number`);
  return found;
}

/** Letters and digits only, lower case: "St Mary's C of E" and "st marys c of e" are the same name. */
const plain = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** A URN as given (already trimmed): six digits. */
const urnGiven = (text: string) => (/^\d{6}$/.test(text) ? Number(text) : null);

/**
 * The schools findSchool could pick out for `given`: its URN, else every name holding the name
 * given (an exact name is one of them). A reading keeps only these, and findSchool run on them
 * finds, and lists, what it would find among every school of the file.
 */
export function schoolsToFind(given: string): (school: OfSchool['school']) => boolean {
  const text = given.trim();
  const urn = urnGiven(text);
  if (urn !== null) return (school) => school.urn === urn;
  const wanted = plain(text);
  if (wanted === '') return () => false;
  return (school) => plain(school.name).includes(wanted);
}

/**
 * The school a URN or a name (whole, else part) picks out; none or several is a usage error listing
 * them. `total`: the schools in the file, when `placements` holds only those schoolsToFind kept.
 */
export function findSchool<T extends OfSchool = Placement>(
  placements: T[],
  given: string,
  file: string,
  total = placements.length,
): T {
  const text = given.trim();
  const urn = urnGiven(text);
  if (urn !== null) return placementByUrn(placements, urn, file, text, total);
  const wanted = plain(text);
  if (wanted === '') throw usageError(`${given}: expected a 6-digit URN or a school name`);
  const exact = placements.filter((p) => plain(p.school.name) === wanted);
  const matches = exact.length ? exact : placements.filter((p) => plain(p.school.name).includes(wanted));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0)
    throw usageError(`no school named "${given}" in ${file} (${total} schools); give its URN, or part of its name`);
  const shown = matches.slice(0, 20).map((p) => `  ${p.school.urn}  ${p.school.name}`);
  const more = matches.length > 20 ? [`  ... and ${matches.length - 20} more`] : [];
  // A line a school: a usage error is otherwise one line, and a newline in it would be escaped.
  throw new SitError('usage', [
    `"${given}" matches ${matches.length} schools in ${file}; give the URN of one:`,
    ...shown,
    ...more,
  ]);
}
