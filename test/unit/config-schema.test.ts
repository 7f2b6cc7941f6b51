// The JSON Schema for editors is generated from the zod schema; the committed file must match it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/core/config-schema.js';

describe('schema/trust.config.schema.json', () => {
  it('is up to date with the zod schema (run npm run schema to regenerate it)', () => {
    const committed = readFileSync('schema/trust.config.schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
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
