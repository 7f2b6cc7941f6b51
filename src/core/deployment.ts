// The support-deployment record of the Trust Review Days source (SPEC section 7): a system leader
// (NLE, NSS, SLE, lead practitioner, other) deployed to a school, with the key focus area,
// agreed outcomes, key tasks and the type of evidence of impact. Pure.
import { z } from 'zod';
import { academicYearName, academicYearOf } from './dates.js';
import type { SchoolRecord } from './school.js';
import { points, text } from './wfap.js';

export const LEADER_ROLES = [
  { id: 'NLE', label: 'National Leader of Education (NLE)' },
  { id: 'NSS', label: 'National Support School (NSS)' },
  { id: 'SLE', label: 'Specialist Leader of Education (SLE)' },
  { id: 'lead-practitioner', label: 'Lead practitioner' },
  { id: 'other', label: 'Other' },
] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number]['id'];

export const DEPLOYMENT_SECTIONS = [
  { key: 'agreed_outcomes', label: 'Agreed outcomes' },
  { key: 'key_tasks', label: 'Key tasks' },
  { key: 'evidence_of_impact', label: 'Type of evidence of impact' },
] as const;

export const DeploymentAnswersSchema = z.strictObject({
  school: z.number().int().min(100000).max(999999).optional(),
  academic_year: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'an academic year such as 2026/27')
    .optional(),
  leader: text.optional(),
  role: z.enum(LEADER_ROLES.map((r) => r.id) as [LeaderRole, ...LeaderRole[]]).optional(),
  /** What "other" means, or more detail about the role. */
  role_detail: text.optional(),
  from_school: text.optional(),
  days: z.number().min(0).optional(),
  key_focus: text.optional(),
  agreed_outcomes: points.optional(),
  key_tasks: points.optional(),
  evidence_of_impact: points.optional(),
});
export type DeploymentAnswers = z.output<typeof DeploymentAnswersSchema>;

export interface DeploymentRecord {
  kind: 'deployment';
  school: { urn: number; name: string } | null;
  academic_year: string;
  as_of: string;
  leader: string;
  role: LeaderRole | null;
  role_label: string;
  role_detail: string;
  from_school: string;
  days: number | null;
  key_focus: string;
  agreed_outcomes: string[];
  key_tasks: string[];
  evidence_of_impact: string[];
}

export function roleLabel(role: LeaderRole | null | undefined): string {
  return LEADER_ROLES.find((r) => r.id === role)?.label ?? '';
}

export function buildDeployment(
  school: SchoolRecord | null,
  answers: DeploymentAnswers,
  asOf: string,
): DeploymentRecord {
  return {
    kind: 'deployment',
    school: school ? { urn: school.urn, name: school.name } : null,
    academic_year: answers.academic_year ?? academicYearName(academicYearOf(asOf)),
    as_of: asOf,
    leader: answers.leader ?? '',
    role: answers.role ?? null,
    role_label: roleLabel(answers.role),
    role_detail: answers.role_detail ?? '',
    from_school: answers.from_school ?? '',
    days: answers.days ?? null,
    key_focus: answers.key_focus ?? '',
    agreed_outcomes: answers.agreed_outcomes ?? [],
    key_tasks: answers.key_tasks ?? [],
    evidence_of_impact: answers.evidence_of_impact ?? [],
  };
}

/** What a complete record needs that these answers lack (answer-file names). */
export function missingDeploymentAnswers(answers: DeploymentAnswers, hasSchool: boolean): string[] {
  const missing: string[] = [];
  if (!hasSchool) missing.push('school');
  if (!answers.leader) missing.push('leader');
  if (!answers.role) missing.push('role');
  if (answers.role === 'other' && !answers.role_detail) missing.push('role_detail');
  if (answers.days === undefined) missing.push('days');
  if (!answers.key_focus) missing.push('key_focus');
  for (const s of DEPLOYMENT_SECTIONS) if (!answers[s.key]?.length) missing.push(s.key);
  return missing;
}
