// Adds lockfile entries for platform binaries that a package lists as optional but the registry
// mirror used to lock did not serve (chDB's macOS and Linux-arm64 libraries, here). Without them
// `npm ci` refuses the lockfile as out of sync on every platform. Each entry names the public
// registry's tarball and its os/cpu, so npm fetches it only on that platform.
// Run after `npm install` changes the lockfile: node scripts/lock-platforms.mjs
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const PLATFORM = /-(darwin|linux|win32)-(x64|arm64)(?:-(gnu|musl|msvc))?$/;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    if (packages[at] || packages[`${path}/${at}`]) continue;
    const m = PLATFORM.exec(name);
    if (!m) throw new Error(`${name} (optional dependency of ${path}) is not locked and is not a platform binary`);
    const base = name.split('/').pop();
    packages[at] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`,
      cpu: [m[2]],
      ...(m[3] === 'gnu' || m[3] === 'musl' ? { libc: [m[3] === 'gnu' ? 'glibc' : 'musl'] } : {}),
      optional: true,
      os: [m[1]],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platforms: ${added} platform entr${added === 1 ? 'y' : 'ies'} added`);
