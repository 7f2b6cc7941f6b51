// The WFAP form (templates/wfap-form.yaml, embedded as text when sit is built), read and checked
// once, when a plan, a record or a card first needs it. A mistake in the file is one line each,
// file:line: path: what was expected.
import formText from '../../templates/wfap-form.yaml';
import { WfapFormSchema, type KpiSpec, type WfapForm } from '../core/wfap-form.js';
import { configError } from '../errors.js';
import { parseYamlText } from './config.js';
import { CHECK_ONCE, issueLines } from './yaml-issues.js';

export const WFAP_FORM_FILE = 'templates/wfap-form.yaml';

/** The form in `text`, checked; a config error (78) naming each problem's line. */
export function checkWfapForm(text: string, file: string): WfapForm {
  const parsed = parseYamlText(text, file);
  const result = WfapFormSchema.safeParse(parsed.value, CHECK_ONCE);
  if (!result.success) throw configError(issueLines(result.error, file, parsed.doc, parsed.lineCounter));
  return result.data;
}

let shipped: WfapForm | undefined;

/** The form sit ships. */
export function wfapForm(): WfapForm {
  shipped ??= checkWfapForm(formText, WFAP_FORM_FILE);
  return shipped;
}

/** The KPIs plans and cards show: kpis: in trust.config.yaml, else the form's default KPIs. */
export function kpiSpecs(config: { kpis?: KpiSpec[] }): KpiSpec[] {
  return config.kpis ?? wfapForm().default_kpis;
}
