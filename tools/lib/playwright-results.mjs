// Count a Playwright JSON reporter file.
import fs from 'node:fs';
import { stripAnsi } from './log.mjs';

/**
 * @returns {null | {passed: number, failed: number, skipped: number, flaky: number,
 *   errors: number, failures: string[]}}
 *   null when the file is missing or unreadable (Playwright crashed before reporting).
 *   passed = expected + flaky (flaky = passed on retry; retries are 0 in `npm test`),
 *   failed = unexpected + top-level errors (webServer failed to start, a spec file that
 *   does not compile, "no tests found", global setup errors...).
 */
export function countPlaywrightResults(file) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!report || typeof report !== 'object' || !report.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const errors = Array.isArray(report.errors) ? report.errors : [];
  const failures = [];
  const walk = (suite, trail) => {
    const here = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected') {
          failures.push(
            `${[...here, spec.title].join(' › ')}${t.projectName ? ` [${t.projectName}]` : ''}`,
          );
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const s of report.suites ?? []) walk(s, []);
  for (const e of errors) {
    const msg = stripAnsi(e.message ?? e.value ?? 'error').split('\n')[0];
    failures.push(`(error) ${msg.slice(0, 200)}`);
  }
  return {
    passed: expected + flaky,
    failed: unexpected + errors.length,
    skipped,
    flaky,
    errors: errors.length,
    failures,
  };
}
