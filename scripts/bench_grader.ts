// Part of `npm run bench`: wall time of grading through the CLI with the isolation on (one sandboxed child per
// exercise, own uid as root, memory cap), as an instructor runs it — one submission (public + hidden) and a
// batch of 50 (a mix of complete, empty and hostile submissions; the batch's progress line is shown).
import { $ } from "zx";
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFinished } from "../grader/generate.js";
import { fixture, fixtureNames } from "../grader/hostile.js";
import { scriptOptions } from "./options.js";

scriptOptions("bench_grader", {}); // takes no options: refuses any

const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(os.tmpdir(), "attention-kit-bench-"));
// a hang costs its time limit by design, which would measure the limit rather than the grader
const hostile = fixtureNames.filter((f) => !/hang/i.test(f));

const batch = path.join(work, "batch"), secret = path.join(work, "secret");
writeFileSync(secret, "the-bench-secret-0123456789\n"); // a batch grades every folder as a student's variant
for (let i = 0; i < 50; i++) {
  const dir = path.join(batch, `student${String(i).padStart(2, "0")}`);
  mkdirSync(dir, { recursive: true });
  const into = i % 5 === 3 ? path.join(dir, "homework") : dir;
  if (i % 5 === 4) cpSync(path.join(root, "exercises"), into, { recursive: true });
  else writeFinished(root, into);
  if (i % 5 === 1 || i % 5 === 2) {
    for (const [file, text] of Object.entries(fixture(hostile[i % hostile.length]))) writeFileSync(path.join(dir, file), text.replace("TARGET", '"/dev/null"').replace("SOLUTION", '"/etc/hostname"'));
  }
}

const time = async (f: () => Promise<unknown>) => { const t = performance.now(); await f(); return (performance.now() - t) / 1000; };
console.log(`\ngrading (CLI wall time, including Node/tsx start-up and the first type-check; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} before)`);
const one = await time(() => $({ cwd: root, quiet: true })`npx tsx scripts/grade.ts --submission ${path.join(batch, "student00")} --hidden --seed 1 --results ${path.join(work, "r.json")}`);
console.log(`  one submission, public + hidden: ${one.toFixed(2)} s   (target ≤ 3 s)`);
const fifty = await time(() => $({ cwd: root, stdio: ["ignore", "pipe", "inherit"] })`npx tsx scripts/grade.ts --batch ${batch} --csv ${path.join(work, "grades.csv")} --hidden --seed 1 --secret ${secret}`);
console.log(`  50 submissions, public + hidden: ${fifty.toFixed(1)} s = ${(fifty / 50).toFixed(2)} s each   (target ≤ 60 s)`);
rmSync(work, { recursive: true, force: true });
