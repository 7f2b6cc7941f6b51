// Reads a targets file for the academy card (urn, kpi, target, value; CSV, YAML list or .xlsx).
// The card, its row schema (zod) and the KPI form (YAML) are loaded only when there is a targets
// file: a board report without one loads neither zod nor the YAML parser (start-up, SPEC section 8).
import { resolve } from 'node:path';
import { dataError } from '../errors.js';
import type { AcademyCard, TargetRow } from '../core/card.js';
import type { Placement } from '../core/classify.js';
import { displayPath, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import { formatProblem } from '../core/school.js';
import { fold } from '../core/values.js';
import { readRecordTable } from './record-file.js';

export async function readTargets(path: string, stdin: NodeJS.ReadableStream, shown: string): Promise<TargetRow[]> {
  const table = await readRecordTable(path, stdin, shown, (cells) => cells.some((c) => fold(c) === 'urn'));
  if (table === null) return [];
  const { targetRowsFrom } = await import('../core/card.js');
  const { targets, problems } = targetRowsFrom(table.headers, table.rows, table.headerLine);
  if (problems.length) throw dataError(problems.map((p) => formatProblem(shown, p)));
  return targets;
}

/** The targets file: --targets (relative to here), else targets: in the config (relative to it); null when neither. */
export async function targetsFor(loaded: LoadedConfig, given: string | undefined, io: Io): Promise<TargetRow[] | null> {
  const path = given
    ? resolve(io.cwd, given)
    : loaded.config.targets
      ? resolve(loaded.dir, loaded.config.targets)
      : null;
  return path ? readTargets(path, io.stdin, displayPath(path, io)) : null;
}

/** The board report's academy cards: one for each school the targets file names; null without a targets file. */
export async function academyCards(
  loaded: LoadedConfig,
  placements: Placement[],
  asOf: string,
  given: string | undefined,
  io: Io,
): Promise<AcademyCard[] | null> {
  const targets = await targetsFor(loaded, given, io);
  if (!targets) return null;
  const [{ academyCard }, { kpiSpecs }] = await Promise.all([import('../core/card.js'), import('./wfap-form.js')]);
  return placements
    .filter((p) => targets.some((t) => t.urn === p.school.urn))
    .map((p) =>
      academyCard(p, loaded.policy, {
        asOf,
        kpis: kpiSpecs(loaded.config),
        targets: targets.filter((t) => t.urn === p.school.urn),
        closeWithin: loaded.config.card?.close_within,
      }),
    );
}
