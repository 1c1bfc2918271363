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
// vitest.json: the unit and integration suites; vitest-<name>.json: a run beside them (test.sh).
const vitestFiles = [
  'vitest.json',
  ...fs
    .readdirSync(dir)
    .filter((f) => /^vitest-.+\.json$/.test(f))
    .sort(),
];
const vitests = [];
for (const f of vitestFiles) {
  // test.sh writes `{}` before each run: a run that crashed before reporting counts as a failure.
  const report = read(f);
  const v = typeof report?.numPassedTests === 'number' ? report : null;
  if (v) vitests.push(v);
  suites.push([
    f.slice(0, -5),
    v ? v.numPassedTests : 0,
    v
      ? v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0) + (v.success === false && v.numFailedTests === 0 ? 1 : 0)
      : 1,
  ]);
}
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
// CI shows only the end of the log: name each failure there, with the first words of why.
const why = (msgs) =>
  String(msgs?.[0] ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? '';
const failures = [];
for (const file of vitests.flatMap((v) => v.testResults ?? [])) {
  const rel = path.relative(process.cwd(), file.name);
  const bad = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
  for (const t of bad)
    failures.push(`vitest ${rel} › ${t.fullName} (${Math.round(t.duration ?? 0)} ms): ${why(t.failureMessages)}`);
  if (bad.length === 0 && file.status === 'failed') failures.push(`vitest ${rel}: ${why([file.message])}`);
}
const specs = (suite) => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('playwright') && f.endsWith('.json'))) {
  for (const spec of (read(f)?.suites ?? []).flatMap(specs))
    for (const t of spec.tests ?? [])
      if (t.status === 'unexpected')
        failures.push(
          `${f.slice(0, -5)} ${spec.file} › ${spec.title}: ${why(t.results?.map((r) => r.error?.message))}`,
        );
}
const slowest = vitests
  .flatMap((v) => v.testResults ?? [])
  .map((f) => [path.relative(process.cwd(), f.name), Math.round(((f.endTime ?? 0) - (f.startTime ?? 0)) / 1000)])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 6);
if (slowest.length > 0) console.log(`slowest vitest files: ${slowest.map(([f, s]) => `${f} ${s} s`).join(', ')}`);
if (failures.length > 0) console.log(`failed:\n${failures.map((l) => `  ${l.slice(0, 400)}`).join('\n')}`);
let passed = 0;
let failed = 0;
for (const [name, p, f] of suites) {
  console.log(`  ${name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
