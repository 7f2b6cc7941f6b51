// The test files that mock a module, and so run isolated, each in a fresh worker
// (vitest.config.ts). Every other file shares its worker's modules with the files before it, where
// a mock would outlive its file: the two that drive inquirer through @inquirer/testing's screen
// (it mocks @inquirer/prompts when imported) once left a later file with the real prompts on the
// real terminal, and it hung. test/unit/isolated-tests.test.ts keeps this list whole.
export const ISOLATED_TESTS = ['test/e2e/log.test.ts', 'test/e2e/wfap-prompts.test.ts'];
