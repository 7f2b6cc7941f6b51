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
): T {
  const found = placements.find((p) => p.school.urn === urn);
  if (!found) throw usageError(`URN ${shown} is not in ${file} (${placements.length} schools); check the number`);
  return found;
}

/** Letters and digits only, lower case: "St Mary's C of E" and "st marys c of e" are the same name. */
const plain = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** The school a URN or a name (whole, else part) picks out; none or several is a usage error listing them. */
export function findSchool<T extends OfSchool = Placement>(placements: T[], given: string, file: string): T {
  const text = given.trim();
  if (/^\d{6}$/.test(text)) return placementByUrn(placements, Number(text), file, text);
  const wanted = plain(text);
  if (wanted === '') throw usageError(`${given}: expected a 6-digit URN or a school name`);
  const exact = placements.filter((p) => plain(p.school.name) === wanted);
  const matches = exact.length ? exact : placements.filter((p) => plain(p.school.name).includes(wanted));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0)
    throw usageError(
      `no school named "${given}" in ${file} (${placements.length} schools); give its URN, or part of its name`,
    );
  const shown = matches.slice(0, 20).map((p) => `  ${p.school.urn}  ${p.school.name}`);
  const more = matches.length > 20 ? [`  ... and ${matches.length - 20} more`] : [];
  // A line a school: a usage error is otherwise one line, and a newline in it would be escaped.
  throw new SitError('usage', [
    `"${given}" matches ${matches.length} schools in ${file}; give the URN of one:`,
    ...shown,
    ...more,
  ]);
}
