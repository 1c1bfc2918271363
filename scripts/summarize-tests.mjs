// Sums passed and failed tests over every suite's JSON report; a suite that produced no report
// (it crashed before reporting) counts as one failure. Prints `N passed, N failed` last.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return null;
  }
};
const suites = [];
const typecheck = read('typecheck.json');
suites.push(['typecheck', typecheck ? typecheck.passed : 0, typecheck ? typecheck.failed : 1]);
const vitest = read('vitest.json');
suites.push([
  'vitest',
  vitest ? vitest.numPassedTests : 0,
  vitest
    ? vitest.numFailedTests +
      (vitest.numRuntimeErrorTestSuites ?? 0) +
      (vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0)
    : 1,
]);
for (const f of fs
  .readdirSync(dir)
  .filter((f) => f.startsWith('playwright') && f.endsWith('.json'))
  .sort()) {
  const pw = read(f);
  // test.sh writes `{}` before each run: a run that crashed before reporting counts as a failure.
  suites.push([
    f.slice(0, -5),
    pw?.stats ? pw.stats.expected + pw.stats.flaky : 0,
    pw?.stats ? pw.stats.unexpected + (pw.errors?.length ?? 0) : 1,
  ]);
}
for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('extra-') && f.endsWith('.json'))) {
  const r = read(f);
  suites.push([f.slice(6, -5), r ? r.passed : 0, r ? r.failed : 1]);
}
let passed = 0;
let failed = 0;
for (const [name, p, f] of suites) {
  console.log(`  ${name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
