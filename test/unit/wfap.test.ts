// The WFAP model, the deployment record and the template filler (SPEC section 7).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { classify } from '../../src/core/classify.js';
import { toSchools } from '../../src/core/school.js';
import { buildPlan, missingAnswers, answerProblems, WfapAnswersSchema } from '../../src/core/wfap.js';
import { ACTION_KEYS } from '../../src/core/wfap-form.js';
import { buildDeployment, missingDeploymentAnswers, deploymentAnswersSchema } from '../../src/core/deployment.js';
import { wfapForm } from '../../src/io/wfap-form.js';
import { loadConfig } from '../../src/io/config.js';
import { parseTemplate, renderTemplate, compileTemplate, TemplateError } from '../../src/io/template.js';
import { loadTemplate, renderDoc, planView } from '../../src/io/wfap-render.js';
import { SitError } from '../../src/errors.js';
import { FIXTURES } from '../helpers/run-sit.js';

const AS_OF = '2026-09-01';
const KPIS = wfapForm().default_kpis;
const ROLES = wfapForm().deployment.leader_roles;
const DeploymentAnswersSchema = deploymentAnswersSchema(ROLES);

function placementsFor(preset: string) {
  const text = readFileSync(`${FIXTURES}/schools.csv`, 'utf8').trim().split(/\r?\n/);
  const headers = text[0].split(',');
  const rows = text.slice(1).map((line, i) => ({ line: i + 2, cells: line.split(',') }));
  const { schools } = toSchools(headers, rows);
  const loaded = loadConfig({ cwd: FIXTURES, preset });
  return { policy: loaded.policy, placements: classify(schools, loaded.policy, { asOf: AS_OF }).placements };
}

const answers = WfapAnswersSchema.parse(parse(readFileSync(`${FIXTURES}/wfap-answers.yaml`, 'utf8')));

describe('buildPlan', () => {
  const { policy, placements } = placementsFor('rlt-categories');
  const dunmore = placements.find((p) => p.school.urn === 100004)!;

  it('takes school, year, tier and support from the data and policy', () => {
    const plan = buildPlan(dunmore, policy, {}, { asOf: AS_OF, kpis: KPIS });
    expect(plan.school).toEqual({
      urn: 100004,
      name: 'Dunmore Primary School',
      phase: 'primary',
      trust: 'Kestrel Academies Trust',
    });
    // --as-of 2026-09-01 is in the academic year starting 1 September 2026.
    expect(plan.academic_year).toBe('2026/27');
    // "Category D: ... Requires Improvement or below." Dunmore's latest grade is RI.
    expect(plan.tier.id).toBe('D');
    // Category D states cadences, not days: days stay null, and the text says what the source says.
    expect(plan.tier.days).toBeNull();
    expect(plan.tier.days_text).toContain('weekly or fortnightly support');
  });

  it('blank plan: 3 priorities (default), each with three empty milestones and blank action rows', () => {
    const plan = buildPlan(dunmore, policy, {}, { asOf: AS_OF, kpis: KPIS });
    expect(plan.priorities).toHaveLength(3);
    expect(plan.priorities[0].milestones).toEqual({ autumn: '', spring: '', summer: '' });
    expect(plan.priorities[0].actions[0]).toEqual(Object.fromEntries(ACTION_KEYS.map((key) => [key, ''])));
    expect(buildPlan(dunmore, policy, {}, { asOf: AS_OF, kpis: KPIS, priorities: 6 }).priorities).toHaveLength(6);
    expect(buildPlan(dunmore, policy, {}, { asOf: AS_OF, kpis: KPIS, priorities: 9 }).priorities).toHaveLength(6);
  });

  it('KPIs: the latest value from the data; no national figure in rlt-categories, so no target is invented', () => {
    const plan = buildPlan(dunmore, policy, {}, { asOf: AS_OF, kpis: KPIS });
    expect(plan.kpis.map((k) => [k.name, k.value, k.target])).toEqual([
      ['attendance', 93.8, null],
      ['persistent_absence', 17, null],
      ['attainment', 55, null],
    ]);
  });

  it('KPIs against national (four-tier: primary attendance 94.5, persistent absence 14.6, attainment 61)', () => {
    const four = placementsFor('four-tier');
    const plan = buildPlan(
      four.placements.find((p) => p.school.urn === 100004)!,
      four.policy,
      { kpi_targets: { attendance: 96 } },
      { asOf: AS_OF, kpis: KPIS },
    );
    expect(plan.kpis.map((k) => [k.target, k.target_source])).toEqual([
      [96, 'plan target'],
      [14.6, 'national (primary)'],
      [61, 'national (primary)'],
    ]);
  });

  it('answers fill the plan; a different tier is recorded as set by hand', () => {
    const plan = buildPlan(
      dunmore,
      policy,
      { ...answers, tier: 'C', tier_reason: 'new head, strong deputy' },
      { asOf: AS_OF, kpis: KPIS },
    );
    expect(plan.priorities).toHaveLength(2);
    expect(plan.priorities[0].actions[0].lead).toBe('Deputy headteacher');
    expect(plan.priorities[1].actions[0].support).toBe('');
    expect(plan.areas_to_develop).toEqual([
      'Attendance of disadvantaged pupils',
      'Writing at the expected standard in KS2',
    ]);
    expect(plan.tier).toMatchObject({ id: 'C', days: 15, days_text: 'up to 15', override: 'new head, strong deputy' });
  });

  it('names the missing answers; checks the tier against the policy', () => {
    expect(missingAnswers({})).toEqual([
      'strengths',
      'areas_to_develop',
      'challenges',
      'support_required',
      'priorities',
    ]);
    expect(missingAnswers(answers)).toEqual([]);
    expect(missingAnswers({ ...answers, priorities: [{ title: 'x', milestones: { autumn: 'a' } }] })).toEqual([
      'priorities[0].milestones.spring',
      'priorities[0].milestones.summer',
      'priorities[0].actions',
    ]);
    expect(answerProblems({ tier: 'E' }, policy)[0].message).toContain('expected one of D, C, A, B');
  });

  it('the milestones are the three of the source', () => {
    expect(wfapForm().milestones.map((m) => m.label)).toEqual([
      'By the end of the Autumn Term',
      'By the end of the Spring Term',
      'So that by the end of the Summer Term',
    ]);
  });
});

describe('deployment record', () => {
  it('builds from answers and names what is missing', () => {
    const a = DeploymentAnswersSchema.parse(parse(readFileSync(`${FIXTURES}/deployment-answers.yaml`, 'utf8')));
    const record = buildDeployment(null, a, AS_OF, ROLES);
    expect(record.role_label).toBe('Specialist Leader of Education (SLE)');
    expect(record.key_tasks).toHaveLength(2);
    expect(missingDeploymentAnswers(a, true)).toEqual([]);
    expect(missingDeploymentAnswers({ role: 'other' }, false)).toEqual([
      'school',
      'leader',
      'role_detail',
      'days',
      'key_focus',
      'agreed_outcomes',
      'key_tasks',
      'evidence_of_impact',
    ]);
    expect(DeploymentAnswersSchema.safeParse({ role: 'CEO' }).success).toBe(false);
  });
});

describe('template filler', () => {
  const esc = (s: string) => s.replace(/</g, '&lt;');

  it('fills placeholders, sections and inverted sections, escaping every value', () => {
    const t = parseTemplate('# {{title}}\n{{#items}}\n- {{.}}\n{{/items}}\n{{^none}}\nnone\n{{/none}}\n{{a.b}}\n');
    expect(renderTemplate(t, { title: '<b>', items: ['x', 'y'], none: [], a: { b: 2 } }, esc)).toBe(
      '# &lt;b>\n- x\n- y\nnone\n2\n',
    );
  });

  it('never runs code: a placeholder that looks like code is just an unknown name or an error', () => {
    expect(() => parseTemplate('{{constructor.constructor("x")()}}')).toThrow(TemplateError);
    expect(() => renderTemplate(parseTemplate('{{constructor}}'), {}, esc)).toThrow(
      /unknown placeholder "constructor"/,
    );
    expect(() => parseTemplate('{{{raw}}}')).toThrow(/unescaped placeholders are not allowed/);
  });

  it('reports an unknown placeholder and an unclosed section with the line', () => {
    const sample = { a: [{ b: 1 }] };
    expect(() => compileTemplate('x\n{{#a}}\n{{c}}\n{{/a}}\n', sample)).toThrow(
      expect.objectContaining({ line: 3, message: 'unknown placeholder "c"' }),
    );
    expect(() => compileTemplate('x\n\n{{#a}}\n{{b}}\n', sample)).toThrow(expect.objectContaining({ line: 3 }));
    expect(() => compileTemplate('{{#a}}{{/b}}', sample)).toThrow(/does not match/);
  });

  it('a broken trust template is a config error (78) with file and line', () => {
    try {
      loadTemplate('wfap', '# {{school.name}}\n{{#priorities}}\n{{titel}}\n{{/priorities}}\n', 'my.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SitError);
      expect((error as SitError).exitCode).toBe(78);
      expect((error as SitError).lines).toEqual(['my.md:3: unknown placeholder "titel"']);
    }
  });
});

describe('rendering', () => {
  const { policy, placements } = placementsFor('rlt-categories');
  const plan = buildPlan(placements.find((p) => p.school.urn === 100004)!, policy, answers, {
    asOf: AS_OF,
    kpis: KPIS,
  });

  it('Markdown escapes data and answers', () => {
    const md = renderDoc(plan, 'md');
    expect(md).toContain('Pupils feel safe &amp; behave well (&lt; 1% suspensions)');
    expect(md).toContain('| First-day response to every absence | Persistent absence is 17%');
    expect(md).toMatch(
      /\| Key actions \| Rationale \| Support required \| Lead \| When \| Monitoring: Who \| Monitoring: How \| Impact: Dissemination \| Next steps \|/,
    );
  });

  it('HTML escapes script from answers', () => {
    const evil = buildPlan(
      placements[0],
      policy,
      { strengths: ['<script>window.pwned=1</script>'] },
      { asOf: AS_OF, kpis: KPIS },
    );
    const html = renderDoc(evil, 'html');
    expect(html).not.toContain('<script>window.pwned');
    expect(html).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;');
  });

  it('CSV is the action table, one row per action, formulas neutralised', () => {
    const csv = renderDoc(plan, 'csv').split('\r\n');
    expect(csv[0]).toContain('Key priority,By the end of the Autumn Term');
    expect(csv).toHaveLength(1 + 3 + 1);
    expect(csv[2]).toContain(`"'=HYPERLINK(""http://example.com"")"`);
  });

  it('the view has every section of the source', () => {
    expect(planView(plan).sections.map((s) => s.label)).toEqual([
      'Areas of strength',
      'Areas to be developed',
      'Potential challenges or risk',
      'Support required',
    ]);
  });
});
