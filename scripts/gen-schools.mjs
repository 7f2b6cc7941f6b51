#!/usr/bin/env node
// Generates N schools as CSV (the columns of fixtures/schools.csv), deterministically, for the
// benchmark and for large-file tests:  node scripts/gen-schools.mjs N [out.csv]
// URNs are 6 digits and unique, so at most 900,000 schools (100000-999999) can be generated.
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

const HEADER =
  'urn,name,phase,trust,local_authority,ofsted_overall,ofsted_date,previous_ofsted_overall,previous_ofsted_date,ofsted_category,attendance_pct,persistent_absence_pct,attainment_pct,progress_score,disadvantaged_gap_pp,suspension_rate_pct,permanent_exclusions,staff_turnover_pct,headteacher_start,leadership_capacity,safeguarding_effective,governance_effective,last_peer_review,last_external_review,finance_concern,override_tier,override_reason';
export const MAX_SCHOOLS = 900_000;

/** A small seeded PRNG (mulberry32), so the same N gives the same file. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES = ['primary', 'primary', 'primary', 'secondary', 'special', 'all-through'];
const GRADES = ['Outstanding', 'Good', 'Good', 'Good', 'Requires improvement', 'Inadequate', ''];
const CAPACITY = ['supports-others', 'self-improving', 'self-improving', 'needs-support', 'insufficient', ''];
const WORDS = ['Oak', 'Ash', 'Birch', 'Cedar', 'Elm', 'Hazel', 'Maple', 'Rowan', 'Willow', 'Yew'];
const KINDS = ['Primary School', 'Academy', 'High School', 'Church of England Primary', 'Community School'];

export function* schoolRows(n, seed = 20260901) {
  if (n > MAX_SCHOOLS) throw new Error(`at most ${MAX_SCHOOLS} schools have distinct 6-digit URNs`);
  const r = random(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const day = (from, span) => {
    const d = new Date(Date.UTC(from, 0, 1) + Math.floor(r() * span * 365) * 86400000);
    return r() < 0.5
      ? d.toISOString().slice(0, 10)
      : `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  };
  const pct = (lo, hi) => (lo + r() * (hi - lo)).toFixed(1);
  // Spread the URNs over the whole range without repeats: a stride coprime with 900000.
  for (let i = 0; i < n; i++) {
    const urn = 100000 + ((i * 7919) % MAX_SCHOOLS);
    const trust = r() < 0.2 ? '' : `${pick(WORDS)} ${pick(WORDS)} Trust ${Math.floor(i / 8)}`;
    const name =
      r() < 0.05 ? `"${pick(WORDS)}, ${pick(WORDS)} ${pick(KINDS)}"` : `${pick(WORDS)}field ${pick(KINDS)} ${i}`;
    const override = r() < 0.01;
    yield [
      urn,
      name,
      pick(PHASES),
      trust,
      'Calderdale',
      pick(GRADES),
      day(2014, 11),
      pick(GRADES),
      day(2008, 6),
      r() < 0.02 ? 'SM' : '',
      pct(88, 98),
      pct(5, 30),
      Math.floor(r() * 100),
      (r() * 4 - 2).toFixed(2),
      pct(0, 30),
      pct(0, 8),
      Math.floor(r() * 3),
      Math.floor(r() * 30),
      day(2010, 16),
      pick(CAPACITY),
      r() < 0.97 ? 'yes' : 'no',
      r() < 0.9 ? 'yes' : 'no',
      day(2019, 7),
      day(2019, 7),
      r() < 0.1 ? 'yes' : 'no',
      override ? 'rlt-categories:C' : '',
      override ? 'new leadership team' : '',
    ].join(',');
  }
}

export async function writeSchools(n, out) {
  const stream = out ? createWriteStream(out) : process.stdout;
  let batch = `${HEADER}\n`;
  for (const row of schoolRows(n)) {
    batch += `${row}\n`;
    if (batch.length > 1 << 20) {
      if (!stream.write(batch)) await new Promise((resolve) => stream.once('drain', resolve));
      batch = '';
    }
  }
  stream.write(batch);
  if (out) await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write('usage: node scripts/gen-schools.mjs N [out.csv]\n');
    process.exit(2);
  }
  await writeSchools(n, process.argv[3]);
}
