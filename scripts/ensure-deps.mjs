// Runs before `npm test` and `npm start` (npm's pre-hooks). Plain Node, no dependencies: on a fresh
// clone nothing is installed yet, so this installs node_modules when it is missing or older than the lockfile.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";

const marker = "node_modules/.package-lock.json";
const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync("package-lock.json").mtimeMs;
if (!fresh) {
  // stderr only: stdout may be data (`npm run --silent translate` prints one ISO date per input line)
  console.error("[setup] installing npm dependencies (npm ci, ~30 s the first time)…");
  execSync("npm ci --no-audit --no-fund --loglevel=error", { stdio: ["ignore", 2, 2] });
}
