// Exit codes come from errors.ts alone (SPEC section 4), and a YAML file's problems are the kind
// of mistake its caller says: a config (78) or an input such as a WFAP answers file (65).
import { describe, expect, it } from 'vitest';
import { EXIT, SitError, interruptedError } from '../../src/errors.js';
import { parseYamlText } from '../../src/io/config.js';

const thrown = (work: () => unknown): SitError => {
  try {
    work();
  } catch (error) {
    if (error instanceof SitError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
};

describe('exit codes', () => {
  it('Ctrl-C is its own code, 130, not a usage error', () => {
    expect(interruptedError().kind).toBe('interrupted');
    expect(interruptedError().exitCode).toBe(130);
    expect(EXIT.usage).toBe(2);
    expect(EXIT.internal).toBe(70);
  });

  it('parseYamlText: bad YAML is a config error by default and a data error when asked', () => {
    const asConfig = thrown(() => parseYamlText('a: [1', 'trust.config.yaml'));
    expect(asConfig.exitCode).toBe(78);
    expect(asConfig.lines[0]).toMatch(/^trust\.config\.yaml:\d+: a list opened with \[ is not closed/);
    const asData = thrown(() => parseYamlText('a: [1', 'answers.yaml', 'data'));
    expect(asData.exitCode).toBe(65);
    expect(asData.lines[0]).toMatch(/^answers\.yaml:\d+: a list opened with \[ is not closed/);
    expect(thrown(() => parseYamlText('- 1\n- 2\n', 'answers.yaml', 'data')).exitCode).toBe(65);
  });
});
