// Report cards beside graded inspections. Each expected answer cites the SPEC section 2 sentence
// that makes it right.
import { describe, expect, it } from 'vitest';
import {
  categoryOfConcern,
  inspectionBefore,
  latestInspection,
  lowestAreaGrade,
  reportCardCategory,
} from '../../src/core/report-card.js';
import type { FieldValue } from '../../src/core/fields.js';

const EXPECTED = {
  rc_inclusion: 'expected',
  rc_curriculum_teaching: 'expected',
  rc_achievement: 'expected',
  rc_attendance_behaviour: 'expected',
  rc_personal_development: 'expected',
  rc_leadership_governance: 'expected',
  rc_safeguarding: 'met',
  rc_date: '2026-01-06',
};
const card = (over: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
  ofsted_category: null,
  ...EXPECTED,
  ...over,
});

describe('the category a report card leads to (SPEC 2: report-card category rules)', () => {
  it('none when no area is Urgent improvement and safeguarding is Met', () => {
    expect(reportCardCategory(card()).category).toBeNull();
    expect(reportCardCategory(card({ rc_leadership_governance: 'needs-attention' })).category).toBeNull();
  });
  it('RSI: "any area other than Leadership and governance is Urgent improvement"', () => {
    expect(reportCardCategory(card({ rc_achievement: 'urgent-improvement' }))).toEqual({
      category: 'RSI',
      why: 'Achievement Urgent improvement',
    });
  });
  it('RSI: "or safeguarding is Not met"', () => {
    expect(reportCardCategory(card({ rc_safeguarding: 'not-met' })).category).toBe('RSI');
  });
  it('RSI: "or Leadership and governance is the only area graded Urgent improvement"', () => {
    expect(reportCardCategory(card({ rc_leadership_governance: 'urgent-improvement' })).category).toBe('RSI');
  });
  it('SM: "Leadership and governance is Urgent improvement and another area is Urgent improvement"', () => {
    expect(
      reportCardCategory(card({ rc_leadership_governance: 'urgent-improvement', rc_inclusion: 'urgent-improvement' }))
        .category,
    ).toBe('SM');
  });
  it('SM: "... or safeguarding is Not met"', () => {
    const r = reportCardCategory(card({ rc_leadership_governance: 'urgent-improvement', rc_safeguarding: 'not-met' }));
    expect(r).toEqual({
      category: 'SM',
      why: 'Leadership and governance Urgent improvement with safeguarding Not met',
    });
  });
  it('"Where the file gives a category of concern, use it"', () => {
    expect(categoryOfConcern(card({ ofsted_category: 'SWK', rc_achievement: 'urgent-improvement' }))).toMatchObject({
      value: 'SWK',
      seen: 'given in the file',
    });
    expect(categoryOfConcern(card({ rc_achievement: 'urgent-improvement' }))).toMatchObject({ value: 'RSI' });
    expect(categoryOfConcern({ ofsted_overall: 'good' })).toMatchObject({ value: 'none' });
  });
});

describe('the latest inspection and the inspection before (SPEC 2)', () => {
  it('a report card dated after the legacy grade is the latest; the legacy grade is "the inspection before"', () => {
    const f = card({ ofsted_overall: 'requires-improvement', ofsted_date: '2023-09-19' });
    expect(latestInspection(f).value).toBe('report-card');
    expect(inspectionBefore(f)).toMatchObject({ value: 'requires-improvement' });
  });
  it('with no report card, the previous graded inspection is the one before', () => {
    const f = {
      ofsted_overall: 'requires-improvement',
      ofsted_date: '2022-10-12',
      previous_ofsted_overall: 'inadequate',
    };
    expect(latestInspection(f).value).toBe('graded');
    expect(inspectionBefore(f).value).toBe('inadequate');
  });
  it('a blank previous grade after a graded inspection means none (a new school)', () => {
    expect(inspectionBefore({ ofsted_overall: 'good', previous_ofsted_overall: null }).value).toBe('none');
  });
  it('a 2024/25 inspection has sub-judgements only; the grade before it is needed, not assumed', () => {
    const f = {
      ofsted_overall: null,
      ofsted_quality_of_education: 'requires-improvement',
      previous_ofsted_overall: null,
    };
    expect(latestInspection(f).value).toBe('sub-judgements');
    expect(inspectionBefore(f)).toMatchObject({ value: null, missing: ['previous_ofsted_overall'] });
  });
  it('a report card after a 2024/25 inspection takes that inspection at its lower key sub-judgement, and says so', () => {
    const f = card({
      ofsted_overall: null,
      ofsted_date: '2025-01-15',
      ofsted_quality_of_education: 'requires-improvement',
      ofsted_leadership_management: 'good',
    });
    expect(inspectionBefore(f).value).toBe('requires-improvement');
    expect(inspectionBefore(f).seen).toContain('no overall grade');
  });
  it('no inspection at all is unknown: a policy reports the school as needing data', () => {
    expect(latestInspection({})).toMatchObject({
      value: null,
      missing: ['ofsted_overall', 'rc_leadership_governance'],
    });
  });
  it('the lowest area grade names the areas', () => {
    expect(lowestAreaGrade(card({ rc_inclusion: 'needs-attention', rc_achievement: 'needs-attention' })).seen).toBe(
      'Needs attention for Inclusion, Achievement',
    );
  });
});
