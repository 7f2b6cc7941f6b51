// The WFAP form as data (templates/wfap-form.yaml): checked by its schema (core/wfap-form.ts); a
// mistake in it is one readable line each, file:line: path: what was expected.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SitError } from '../../src/errors.js';
import { ACTION_KEYS } from '../../src/core/wfap-form.js';
import { checkWfapForm, wfapForm } from '../../src/io/wfap-form.js';

const shipped = readFileSync(new URL('../../templates/wfap-form.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    checkWfapForm(text, 'form.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(SitError);
    expect((error as SitError).exitCode).toBe(78);
    return (error as SitError).lines;
  }
  throw new Error('the form was accepted');
}

describe('the WFAP form file', () => {
  it('the shipped form: the source words, in order, as lists', () => {
    const form = wfapForm();
    expect(form.sections.map((s) => s.key)).toEqual([
      'strengths',
      'areas_to_develop',
      'challenges',
      'support_required',
    ]);
    expect(form.milestones.map((m) => m.label)).toEqual([
      'By the end of the Autumn Term',
      'By the end of the Spring Term',
      'So that by the end of the Summer Term',
    ]);
    expect(form.action_columns.map((c) => c.key)).toEqual([...ACTION_KEYS]);
    expect(form.action_columns.find((c) => c.key === 'lead')?.suggested).toBe('Headteacher');
    expect(form.default_kpis.map((k) => [k.name, k.target, k.lower_is_better])).toEqual([
      ['attendance', 'national', false],
      ['persistent_absence', 'national', true],
      ['attainment', 'national', false],
    ]);
    expect(form.deployment.leader_roles.map((r) => r.id)).toEqual(['NLE', 'NSS', 'SLE', 'lead-practitioner', 'other']);
  });

  it('a milestone left out, a misspelt column and a bad KPI are each a line naming where', () => {
    const bad = shipped
      .replace('  spring: By the end of the Spring Term\n', '')
      .replace('  monitoring_how:', '  monitoring_hwo:')
      .replace('target: national\n    lower_is_better: true', 'target: nationl\n    lower_is_better: true');
    expect(problems(bad).map((l) => l.replace(/^form\.yaml:\d+: /, 'form.yaml:N: '))).toEqual([
      'form.yaml:N: milestones.spring: missing: add "spring:" with text',
      'form.yaml:N: action_columns.monitoring_how: missing: add "monitoring_how:" with settings as "name: value" lines indented under it',
      'form.yaml:N: action_columns: unknown field "monitoring_hwo" (check the spelling)',
      'form.yaml:N: default_kpis[1].target: expected a number (found "nationl")',
    ]);
    // The line is the file's own: the misspelt column's.
    const line = bad.split('\n').findIndex((l) => l.includes('monitoring_hwo')) + 1;
    expect(problems(bad)[2]).toMatch(new RegExp(`^form\\.yaml:${line}: `));
  });

  it('a label left empty is refused, and so is a form with no roles', () => {
    expect(problems(shipped.replace('lead: { header: Lead,', 'lead: { header: "",')).join('\n')).toMatch(
      /action_columns\.lead\.header: must not be empty/,
    );
    const noRoles = shipped.replace(/ {2}leader_roles:\n( {4}.*\n)+/, '  leader_roles: {}\n');
    expect(problems(noRoles).join('\n')).toMatch(/deployment\.leader_roles: at least one role/);
  });
});
