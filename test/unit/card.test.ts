// The academy card: "The academy card ... will document each academy's targets and provide live
// data on how successfully these targets are being achieved over the year" (four-tier model,
// sources/001). Each KPI against its target: met, close (sit's choice: within card.close_within of
// it, in the KPI's units), not met, or no data.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { academyCard, kpiStatus, targetRowsFrom } from '../../src/core/card.js';
import { wfapForm } from '../../src/io/wfap-form.js';
import { fixtureSchools, presetPolicy } from '../helpers/fixtures.js';

describe('kpiStatus', () => {
  it('is met at or beyond the target, either way round', () => {
    expect(kpiStatus(95, 95, false, 2)).toBe('met');
    expect(kpiStatus(96.1, 95, false, 2)).toBe('met');
    expect(kpiStatus(12, 14, true, 2)).toBe('met'); // persistent absence: lower is better
  });
  it('is close when short by no more than close_within', () => {
    expect(kpiStatus(93, 95, false, 2)).toBe('close'); // 2 points short: on the edge, close
    expect(kpiStatus(16, 14, true, 2)).toBe('close');
    expect(kpiStatus(92.9, 95, false, 2)).toBe('not met'); // 2.1 short
    expect(kpiStatus(93, 95, false, 0)).toBe('not met'); // close_within 0: only met or not
  });
  it('is no data without a value or a target', () => {
    expect(kpiStatus(null, 95, false, 2)).toBe('no data');
    expect(kpiStatus(95, null, false, 2)).toBe('no data');
  });
});

describe('academyCard', () => {
  const policy = presetPolicy('rlt-categories');
  const placement = classify(fixtureSchools(), policy, { asOf: '2027-03-01' }).placements.find(
    (p) => p.school.urn === 100004,
  )!;
  // Dunmore Primary (fixture): attendance 93.8, persistent absence 17.0, attainment 55.
  const { targets, problems } = targetRowsFrom(
    ['urn', 'kpi', 'target', 'value', 'label', 'unit', 'lower_is_better'],
    [
      { line: 2, cells: ['100004', 'attendance', '95', '', '', '', ''] },
      { line: 3, cells: ['100004', 'persistent_absence', '14%', '', '', '', ''] },
      { line: 4, cells: ['100004', 'ks2_reading', '70', '71', 'KS2 reading', '%', 'no'] },
    ],
    1,
  );

  it('puts each KPI against its target, the latest value from the data or the file', () => {
    expect(problems).toEqual([]);
    const card = academyCard(placement, policy, {
      asOf: '2027-03-01',
      kpis: wfapForm().default_kpis,
      targets,
      planTargets: { attainment: 60 },
      closeWithin: 2,
    });
    expect(card.kpis.map((k) => [k.name, k.value, k.target, k.status, k.target_source, k.value_source])).toEqual([
      ['attendance', 93.8, 95, 'close', 'targets file', 'school data (attendance_pct)'], // 1.2 short
      ['persistent_absence', 17, 14, 'not met', 'targets file', 'school data (persistent_absence_pct)'], // 3 over
      ['attainment', 55, 60, 'not met', 'WFAP', 'school data (attainment_pct)'], // 5 short; the WFAP's kpi_targets
      ['ks2_reading', 71, 70, 'met', 'targets file', 'targets file'],
    ]);
    expect(card.summary).toEqual({ met: 1, close: 1, not_met: 2, no_data: 0 });
    expect(card.tier).toMatchObject({ id: 'D', label: 'Category D', retiered: null });
  });

  it('refuses a targets row without a URN or a KPI, naming the line and column', () => {
    const bad = targetRowsFrom(['urn', 'kpi', 'target'], [{ line: 5, cells: ['100004', '', 'lots'] }], 1);
    expect(bad.problems).toEqual([
      {
        line: 5,
        column: 'kpi',
        message: 'expected the KPI: a name from kpis: in trust.config.yaml, or a column of the school data (required)',
      },
      { line: 5, column: 'target', message: 'expected a number' },
    ]);
  });
});
