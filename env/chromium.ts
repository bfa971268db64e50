// Headless Chromium for the browser tests: Debian's package, driven by playwright-core (which never downloads one).
import { existsSync } from "node:fs";
import { aptInstall, canAptInstall } from "./apt.js";

export const chromiumPath = "/usr/bin/chromium";
/** Flags measured to work headless as root on this kind of machine, with no network beyond localhost. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-dev-shm-usage", "--disable-sync"];
export const chromiumMissing = `${chromiumPath} not found: \`npm test\` installs it on Debian/Ubuntu as root; otherwise run \`sudo apt-get install -y chromium fonts-dejavu-core\``;

/** Installs Debian's chromium when missing and we are root on Debian/Ubuntu; returns whether it is there. */
export async function ensureChromium(): Promise<boolean> {
  if (existsSync(chromiumPath)) return true;
  if (!canAptInstall()) return false;
  await aptInstall(["chromium", "fonts-dejavu-core"], "chromium not found; installing Debian's for the browser tests (~20 s)");
  return existsSync(chromiumPath);
}
