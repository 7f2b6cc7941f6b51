// sit budget and sit report cost the year's schedule, then write what it cost: the million events
// of England's year are not read again once costed (and counted against a visit log), so their
// columns are let go before the writing starts (issue 13: memory; core/let-go.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStore } from '../../src/core/schedule-events.js';
import { budgetWithDelivery } from '../../src/io/delivery-input.js';
import { classifyData } from '../../src/io/load-data.js';
import { FIXTURES } from '../helpers/run-sit.js';
import { Readable } from 'node:stream';
import type { Io } from '../../src/io/command-io.js';

/** An Io for the fixtures folder (its trust.config.yaml, with the visit log it names or none). */
function fixturesIo(): Io {
  const sink = { write: () => true, isTTY: false } as unknown as Io['stdout'];
  return {
    cwd: FIXTURES,
    env: {},
    stdin: Readable.from([]) as unknown as Io['stdin'],
    stdout: sink,
    stderr: sink,
    now: () => new Date('2026-12-01T12:00:00Z'),
  };
}

afterEach(() => vi.restoreAllMocks());

describe("the year's events are let go once costed", () => {
  for (const log of [undefined, 'visit-log.csv'])
    it(`budgetWithDelivery releases the schedule's store${log ? ' after the visit log is counted' : ''}`, async () => {
      const io = fixturesIo();
      const release = vi.spyOn(EventStore.prototype, 'release');
      const classified = await classifyData(
        'schools.csv',
        { preset: 'four-tier', quiet: true, asOf: '2026-12-01' },
        io,
      );
      const { result, delivered } = await budgetWithDelivery(classified, log, io);
      expect(release).toHaveBeenCalledTimes(1);
      const store = release.mock.contexts[0] as EventStore;
      expect(store.length).toBe(0);
      // What was costed stays: every school's days, and the log's counts when one was read.
      expect(result.schools.length).toBe(classified.placements.length);
      expect(result.total.days).toBeGreaterThan(0);
      if (log) expect(delivered?.counts).toBeDefined();
      else expect(delivered).toBeNull();
    });
});
