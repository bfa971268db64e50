// Headless Chromium for the browser test: Debian's package (a test tool cannot download its own browser here).
import { existsSync } from "node:fs";
import { aptInstall, canAptInstall } from "./apt.js";

export const chromiumPath = "/usr/bin/chromium";
/** Flags measured to work headless as root on this kind of machine, with no network beyond localhost. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--disable-sync"];

/** Installs Debian's chromium when missing and we are root on Debian/Ubuntu; returns whether it is there. */
export async function ensureChromium(): Promise<boolean> {
  if (existsSync(chromiumPath)) return true;
  if (!canAptInstall()) return false;
  await aptInstall(["chromium", "fonts-dejavu-core"], "chromium not found; installing Debian's for the browser test (~20 s)");
  return existsSync(chromiumPath);
}
