// Counts passed and failed tests across all workers, so the run can end with
// the one line CI reads: "N passed, N failed".

import WDIOReporter from "@wdio/reporter";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export default class SummaryReporter extends WDIOReporter {
  constructor(options) {
    super({ ...options, stdout: false });
    this.resultsDir = options.resultsDir;
    this.counts = { passed: 0, failed: 0, skipped: 0 };
  }

  onTestPass() {
    this.counts.passed++;
  }

  onTestFail() {
    this.counts.failed++;
  }

  onTestSkip() {
    this.counts.skipped++;
  }

  onRunnerEnd(runner) {
    // A spec file that failed before any test ran (no app, no session) still fails the run.
    if (runner.failures > 0 && this.counts.failed === 0) this.counts.failed = runner.failures;
    writeFileSync(path.join(this.resultsDir, `${runner.cid}.json`), JSON.stringify(this.counts));
  }
}

/** `failedRuns`: spec files that failed, counted when no test got to report (no session). */
export function printSummary(resultsDir, failedRuns) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of readdirSync(resultsDir)) {
    const counts = JSON.parse(readFileSync(path.join(resultsDir, file), "utf8"));
    for (const key of Object.keys(total)) total[key] += counts[key];
  }
  if (total.failed === 0) total.failed = failedRuns;
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed${skipped}`);
}
