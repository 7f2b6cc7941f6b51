// The test files that need modules of their own, and so run isolated, each in a fresh worker
// (vitest.config.ts), with the reason. Every other file shares its worker's modules with the files
// before it, where a module mock outlives its file: the two that drive inquirer through
// @inquirer/testing's screen (it mocks @inquirer/prompts when imported) once left a later file
// with the real prompts on the real terminal, and it hung. test/unit/isolated-tests.test.ts
// checks that every file that mocks a module is here.
export const ISOLATED_TESTS: Record<string, string> = {
  'test/e2e/log.test.ts': "mocks @inquirer/prompts (@inquirer/testing's screen)",
  'test/e2e/wfap-prompts.test.ts': "mocks @inquirer/prompts (@inquirer/testing's screen)",
  'test/unit/years-known.test.ts': 'mocks core/dates.js to count yearsBetween',
};
