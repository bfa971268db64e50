// Headless Chromium for the browser test: Debian's package (a test tool cannot download its own browser here).
import { $ } from "zx";
import { existsSync, readFileSync } from "node:fs";

export const chromiumPath = "/usr/bin/chromium";
/** Flags measured to work headless as root on this kind of machine, with no network beyond localhost. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--disable-sync"];

/** Installs Debian's chromium when missing and we are root on Debian/Ubuntu; returns whether it is there. */
export async function ensureChromium(): Promise<boolean> {
  if (existsSync(chromiumPath)) return true;
  const debian = existsSync("/etc/os-release") && /debian|ubuntu/i.test(readFileSync("/etc/os-release", "utf8"));
  if (!debian || process.getuid?.() !== 0) return false;
  console.log("[setup] installing Debian's chromium for the browser test (~20 s)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await $({ env, stdio: ["ignore", "inherit", "inherit"] })`apt-get update -qq`;
  await $({ env, stdio: ["ignore", "inherit", "inherit"] })`apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core`;
  return existsSync(chromiumPath);
}
