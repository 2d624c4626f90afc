// Count a jest `--json --outputFile=<file>` report.
import fs from 'node:fs';
import path from 'node:path';
import { stripAnsi } from './log.mjs';

/**
 * @returns {null | {passed: number, failed: number, skipped: number, suites: number,
 *   suiteErrors: number, failures: string[]}}
 *   null when the file is missing or not a jest report (the run crashed before reporting).
 *   passed/failed/skipped count test cases; a test file that failed without any failing
 *   test case (compile error, throwing beforeAll/afterAll, import error) adds 1 to failed.
 */
export function countJestResults(file, rootDir = process.cwd()) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (
    !report ||
    typeof report !== 'object' ||
    !Array.isArray(report.testResults)
  )
    return null;
  const failures = [];
  let suiteErrors = 0;
  for (const suite of report.testResults) {
    const rel = suite.name
      ? path.relative(rootDir, suite.name)
      : '(unknown file)';
    const failedCases = (suite.assertionResults ?? []).filter(
      (a) => a.status === 'failed',
    );
    for (const a of failedCases)
      failures.push(`${rel} › ${a.fullName ?? a.title}`);
    if (suite.status === 'failed' && failedCases.length === 0) {
      suiteErrors += 1;
      const firstLine =
        stripAnsi(suite.message ?? suite.failureMessage ?? '')
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l && !l.startsWith('●')) ?? 'suite failed to run';
      failures.push(`${rel} (suite error: ${firstLine.slice(0, 160)})`);
    }
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + suiteErrors,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    suites: report.numTotalTestSuites ?? report.testResults.length,
    suiteErrors,
    failures,
  };
}
