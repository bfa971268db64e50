// Part of `npm run bench`: the date translator trained from scratch by `npm run train` into a temporary
// folder (the shipped weights are untouched); reports wall time and accuracy against the 60 s / 99 % target.
import { $ } from "zx";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = mkdtempSync(path.join(os.tmpdir(), "attention-kit-train-"));
console.log("\ntraining the date translator from scratch (npm run train)");
const t0 = performance.now();
await $({ cwd: root, quiet: true })`npx tsx scripts/train.ts --out ${out}`;
const wall = (performance.now() - t0) / 1000;
const log = JSON.parse(readFileSync(path.join(out, "date_translator_curve.json"), "utf8")) as { seconds: number; testAccuracy: number; curve: unknown[] };
console.log(`  ${log.curve.length} steps, training ${log.seconds.toFixed(1)} s (wall ${wall.toFixed(1)} s with start-up and the final test)   (target ≤ 60 s)`);
console.log(`  exact match on 1,008 unseen dates, nine formats evenly: ${(100 * log.testAccuracy).toFixed(2)} %   (target ≥ 99 %)`);
const same = readFileSync(path.join(out, "date_translator.json"), "utf8") === readFileSync(path.join(root, "notebooks", "data", "date_translator.json"), "utf8");
console.log(`  weights byte-identical to the shipped notebooks/data/date_translator.json: ${same ? "yes" : "NO (retrained with other code or seed?)"}`);
