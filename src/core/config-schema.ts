// The JSON Schema of trust.config.yaml, generated from the zod schema (the source of truth), for
// editors that complete and check settings as a trust types them. `npm run schema` writes it to
// schema/trust.config.schema.json; a test keeps that file up to date.
import * as z from 'zod';
import { PRESETS } from '../preset-texts.js';
import { TrustConfigSchema } from './config.js';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TrustConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, unknown>;
  // A config that extends a preset needs none of the policy's own settings: none is required.
  delete schema.required;
  return {
    ...schema,
    title: 'sit trust.config.yaml',
    description:
      "A trust's policy (tiers and rules, or a preset it extends) and its own settings. See the rule-language reference in README.md.",
    properties: {
      extends: {
        description:
          'A preset to start from, or another config file (a path ending .yaml); tiers, rules and activities merge by id.',
        anyOf: [
          { type: 'string', enum: Object.keys(PRESETS) },
          { type: 'string', pattern: '\\.ya?ml$' },
        ],
      },
      ...properties,
    },
  };
}
