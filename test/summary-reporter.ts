// Prints, after every run, each skipped test with its reason, then the closing line CI reads:
// "N passed, N failed, N skipped".
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed++;
        else if (result.state === 'failed') counts.failed++;
        else {
          counts.skipped++;
          if (result.state === 'skipped' && result.note)
            skipped.push(`skipped: ${test.fullName}: ${result.note}`);
        }
      }
      // a file that fails outside its tests (import error, failing hook) counts as a failure
      const testFailed = [...module.children.allTests()].some((test) => test.result().state === 'failed');
      if (module.state() === 'failed' && !testFailed) counts.failed++;
    }
    // an unhandled error fails the run even when every test passed: count it as a failure
    counts.failed += unhandledErrors.length;
    const lines = [...skipped, `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
