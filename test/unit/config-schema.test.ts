// The JSON Schema for editors is generated from the zod schema; the committed file must match it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/core/config-schema.js';

describe('schema/trust.config.schema.json', () => {
  it('is up to date with the zod schema (run npm run schema to regenerate it)', () => {
    const committed = readFileSync('schema/trust.config.schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });
  it('npm run schema writes that same file (its bundle reaches the presets module, as the build does)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sit-schema-')), 'schema.json');
    const run = spawnSync(process.execPath, ['scripts/config-schema.mjs', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('schema/trust.config.schema.json', 'utf8'));
  });
  it('offers the rule language to an editor: extends, definitions, columns, count', () => {
    const text = JSON.stringify(configJsonSchema());
    const properties = configJsonSchema().properties as Record<string, unknown>;
    for (const key of ['extends', 'tiers', 'definitions', 'columns', 'thresholds', 'fields', 'capacity'])
      expect(Object.keys(properties)).toContain(key);
    expect(text).toContain('"count"');
    expect(text).toContain('"use"');
  });
});
