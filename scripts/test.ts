// `npm test`: makes .venv current (Jupyter for the notebook, kernel and browser tests), finds Chromium, then
// typecheck and every ava test; ends with the line `N passed, N failed` that CI reads.
import { $ } from "zx";
import { ensureJupyter } from "../env/jupyter.js";
import { ensureChromium } from "../env/chromium.js";
import { scriptOptions } from "./options.js";

scriptOptions("test", {}); // takes no options: refuses any

$.verbose = false;
// Setup the notebook tests need; where it cannot be done, those tests fail and say why.
try {
  const t0 = performance.now();
  await ensureJupyter((line) => console.log(line));
  console.log(`[test] Jupyter: .venv current (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
} catch (e) {
  console.log(`[test] ${(e as Error).message}`);
}
if (!(await ensureChromium())) console.log("[test] chromium not found and cannot be installed here: the browser tests will fail");
console.log("[test] typecheck: tsc --noEmit");
const tsc = await $`npx tsc --noEmit`.nothrow();
if (tsc.exitCode !== 0) {
  console.log(tsc.stdout + tsc.stderr);
  console.log("typecheck failed");
}

console.log("[test] ava (TAP)");
const ava = await $`npx ava --tap`.nothrow();
process.stdout.write(ava.stdout);
process.stderr.write(ava.stderr);
const count = (name: string) => Number(ava.stdout.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? 0);
const passed = count("pass"), failed = count("fail") + (tsc.exitCode === 0 ? 0 : 1);
const skipped = count("skip") + count("todo");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || ava.exitCode !== 0 || passed === 0) process.exit(1);
