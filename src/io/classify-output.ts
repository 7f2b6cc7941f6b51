// sit classify's CSV, JSON and Markdown written as the file is read, whatever its size (io/classify-stream.ts),
// and the notes every classify run ends with: the policy, the join, the tiers, and which published
// file supplies what the unplaced schools need.
import { describeJoin } from '../core/join.js';
import { displayPath, note, type DataOptions, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import { classifyStreamTo } from './classify-stream.js';
import type { Layout } from './layouts.js';
import { needingDataLines } from './layouts.js';
import type { LoadConfig } from './config-loader.js';
import { dataFile, policyForData, withFiles, withFilesFirst, type PolicyChoice } from './data-files.js';

/** Points at the fix: the layout's hint, and which published file supplies what the unplaced schools need. */
export function needingDataNotes(
  options: DataOptions,
  io: Io,
  file: string,
  layout: Layout | null | undefined,
  missing: readonly (readonly string[])[],
): void {
  if (layout?.hint && missing.length) note(options, io, `${file}: ${layout.hint}`);
  for (const line of needingDataLines(missing, layout ?? null)) note(options, io, `needs data: ${line}`);
}

/** CSV, JSON or Markdown, a school at a time as the file is read (no tier changes: those need every placement first). */
export async function classifyStreamed(
  file: string | undefined,
  options: DataOptions,
  io: Io,
  run: { config: LoadedConfig; load: LoadConfig; format: string; asOf: string },
): Promise<void> {
  const { config } = run;
  const path = dataFile(file, config, io);
  const display = displayPath(path, io);
  const extras = withFiles(config, options.with, io);
  let chosen: PolicyChoice = { loaded: config, note: null };
  const { joinTo, failed } = await withFilesFirst(extras, display, io);
  const streamed = await classifyStreamTo(
    { output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout },
    {
      input: { path, display, stdin: path === '-' ? io.stdin : null },
      policy: (layout) => {
        chosen = policyForData(config, { layout }, options, io, run.load);
        return chosen.loaded.policy;
      },
      read: { layout: options.layout, sheet: options.sheet },
      joinTo,
      extrasFailed: failed,
      asOf: run.asOf,
      format: run.format,
    },
  );
  if (chosen.note) note(options, io, chosen.note);
  if (streamed.join) for (const line of describeJoin(streamed.join)) note(options, io, line);
  note(options, io, `${streamed.summary} (${chosen.loaded.policySource})`);
  needingDataNotes(options, io, display, streamed.layout, streamed.missing);
}
