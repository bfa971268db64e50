// Installing Debian packages (Chromium for the browser tests, numpy for the bench): only as root on
// Debian/Ubuntu, never silently. Jupyter does not come from here: it comes from PyPI into .venv (python.ts).
import { $ } from "zx";
import { existsSync, readFileSync } from "node:fs";

/** True where `aptInstall` can work: root on Debian or Ubuntu. */
export function canAptInstall(): boolean {
  const debian = existsSync("/etc/os-release") && /debian|ubuntu/i.test(readFileSync("/etc/os-release", "utf8"));
  return debian && process.getuid?.() === 0;
}

/** apt-get update, then install `packages` without recommends; output goes to the terminal. */
export async function aptInstall(packages: string[], why: string): Promise<void> {
  console.log(`[setup] ${why}: apt-get install ${packages.join(" ")}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await $({ env, stdio: ["ignore", "inherit", "inherit"] })`apt-get update -qq`;
  await $({ env, stdio: ["ignore", "inherit", "inherit"] })`apt-get install -y -qq --no-install-recommends ${packages}`;
}
