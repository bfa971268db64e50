// Part of `npm run bench`: wall time of grading through the CLI, as an instructor runs it — one submission
// (public + hidden) and a batch of 50 (a mix of complete, empty and broken submissions).
import { $ } from "zx";
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fixture, fixtureNames } from "../test/grader/fixtures.js";

const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(os.tmpdir(), "attention-kit-bench-"));
const hostile = fixtureNames.filter((f) => f !== "hangs"); // a hang costs its time limit by design

const batch = path.join(work, "batch");
for (let i = 0; i < 50; i++) {
  const dir = path.join(batch, `student${String(i).padStart(2, "0")}`);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(root, i % 5 === 4 ? "exercises" : "solutions"), dir, { recursive: true });
  if (i % 5 === 1 || i % 5 === 2) {
    for (const [file, text] of Object.entries(fixture(hostile[i % hostile.length]))) writeFileSync(path.join(dir, file), text.replace("TARGET", '"/dev/null"'));
  }
}

const time = async (f: () => Promise<unknown>) => { const t = performance.now(); await f(); return (performance.now() - t) / 1000; };
console.log("\ngrading (CLI wall time, including Node/tsx start-up and the first type-check)");
const one = await time(() => $({ cwd: root, quiet: true })`npx tsx scripts/grade.ts --submission ${path.join(batch, "student00")} --hidden --seed 1 --results ${path.join(work, "r.json")}`);
console.log(`  one submission, public + hidden: ${one.toFixed(2)} s   (target ≤ 3 s)`);
const fifty = await time(() => $({ cwd: root, quiet: true })`npx tsx scripts/grade.ts --batch ${batch} --csv ${path.join(work, "grades.csv")} --hidden --seed 1`);
console.log(`  50 submissions, public + hidden: ${fifty.toFixed(1)} s = ${(fifty / 50).toFixed(2)} s each   (target ≤ 60 s)`);
