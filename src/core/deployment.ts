// The support-deployment record of the Trust Review Days source (SPEC section 7): a system leader
// (NLE, NSS, SLE, lead practitioner, other) deployed to a school, with the key focus area,
// agreed outcomes, key tasks and the type of evidence of impact. Pure.
import * as z from 'zod';
import { academicYearName, academicYearOf } from './dates.js';
import type { SchoolRecord } from './school.js';
import { DEPLOYMENT_SECTION_KEYS } from './wfap-form.js';
import { AcademicYearSchema, points, text, UrnSchema } from './wfap.js';

/** A system leader's role, as the form names them (templates/wfap-form.yaml). */
export interface LeaderRole {
  id: string;
  label: string;
}

/** The answers file's schema: `role` is one of the form's roles. */
export function deploymentAnswersSchema(roles: LeaderRole[]) {
  const ids = roles.map((r) => r.id);
  return z.strictObject({
    school: UrnSchema.optional(),
    academic_year: AcademicYearSchema.optional(),
    leader: text.optional(),
    role: z.enum(ids as [string, ...string[]]).optional(),
    /** What "other" means, or more detail about the role. */
    role_detail: text.optional(),
    from_school: text.optional(),
    days: z.number().min(0).optional(),
    key_focus: text.optional(),
    agreed_outcomes: points.optional(),
    key_tasks: points.optional(),
    evidence_of_impact: points.optional(),
  });
}
export type DeploymentAnswers = z.output<ReturnType<typeof deploymentAnswersSchema>>;

export interface DeploymentRecord {
  kind: 'deployment';
  school: { urn: number; name: string } | null;
  academic_year: string;
  as_of: string;
  leader: string;
  role: string | null;
  role_label: string;
  role_detail: string;
  from_school: string;
  days: number | null;
  key_focus: string;
  agreed_outcomes: string[];
  key_tasks: string[];
  evidence_of_impact: string[];
}

/** The record for a school (or none yet); `roles` are the form's, for the role's label. */
export function buildDeployment(
  school: SchoolRecord | null,
  answers: DeploymentAnswers,
  asOf: string,
  roles: LeaderRole[],
): DeploymentRecord {
  return {
    kind: 'deployment',
    school: school ? { urn: school.urn, name: school.name } : null,
    academic_year: answers.academic_year ?? academicYearName(academicYearOf(asOf)),
    as_of: asOf,
    leader: answers.leader ?? '',
    role: answers.role ?? null,
    role_label: roles.find((r) => r.id === answers.role)?.label ?? '',
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
  for (const key of DEPLOYMENT_SECTION_KEYS) if (!answers[key]?.length) missing.push(key);
  return missing;
}
