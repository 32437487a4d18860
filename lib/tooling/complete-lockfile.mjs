// Adds lockfile entries for platform-specific optional packages that this machine's npm registry mirror
// does not carry (macOS, Windows and other non-Linux builds of @next/swc, Tailwind's oxide, …).
// `npm install` leaves them out of package-lock.json when it cannot fetch them, and `npm ci` then refuses
// the lockfile as out of sync. An entry with the package's os/cpu lets `npm ci` skip it on Linux, exactly
// as it skips any optional package for another platform; on that platform npm fetches it by version.
// Run after changing dependencies: `node lib/tooling/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "netbsd", "sunos", "aix", "win32", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p)) ?? (parts.includes("wasm32") ? "wasm32" : undefined);
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.some((p) => p.startsWith("arm")) ? "arm" : undefined);
  const libc = parts.some((p) => p.startsWith("musl")) ? "musl" : parts.some((p) => p.startsWith("gnu")) ? "glibc" : undefined;
  return { os, cpu, libc };
}

const file = new URL("../../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const added = [];
for (const [location, pkg] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    // Only platform builds are filled in: anything else missing is a real lockfile problem to look at.
    if (!os || os === "linux" && cpu === "x64" && libc !== "musl") continue;
    lock.packages[`node_modules/${name}`] = {
      version: spec.replace(/^[\^~=]/, ""),
      optional: true,
      os: [os === "wasm32" ? "!linux" : os],
      ...(cpu && os !== "wasm32" && { cpu: [cpu] }),
      ...(libc && { libc: [libc] }),
    };
    added.push(name);
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(added.length ? `Added ${added.length} platform entries: ${added.join(", ")}\n` : "The lockfile is complete.\n");
