import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest on the 2-core CI machine, longest first. A clean clone has no timings
 * cached, so vitest orders files by size, and the end-to-end files (small files, long runs) started
 * last, leaving one worker idle for minutes: started first, the two workers finish together.
 */
const longest = [
  'integration/fuzz.test.ts',
  'integration/soak.test.ts',
  'integration/x12-partner-fixtures.test.ts',
  'browser/ops-console.test.ts',
  'e2e/personal-data-in-logs.test.ts',
  'e2e/crash.test.ts',
  'e2e/offline-runner.test.ts',
  'e2e/readme-tour.test.ts',
  'integration/concurrency.test.ts',
  'infra/stack.test.ts',
  'infra/bundles.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = longest.findIndex((file) => spec.moduleId.endsWith(file));
      return at === -1 ? longest.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
