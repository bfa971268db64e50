// `npm run grade` — grade exercises/ against the public cases and print a report (an unknown option is refused).
//   -- --only 01 (or 01_similarity.ts)                         one lesson's file alone; the others are not run
//   -- --submission DIR --results FILE [--hidden] [--seed N]   one submission → Gradescope results.json
//   -- --batch DIR --csv FILE [--hidden] [--seed N]            every subfolder is a student → gradebook CSV
//   --timeout SECONDS (per exercise, default 5), --memory MB (per child, default 256)
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomInt } from "node:crypto";
import path from "node:path";
import { failedResult, gradeSubmission, type SubmissionResult } from "../grader/grade.js";
import { lessonFile } from "../grader/lesson_file.js";
import { loadPublicCases } from "../grader/cases.js";
import { consoleReport, gradebookCsv, gradescopeResults } from "../grader/report.js";
import { scriptOptions } from "./options.js";

const args = scriptOptions("grade", { only: "value", submission: "value", results: "value", batch: "value", csv: "value", hidden: "flag", seed: "value", timeout: "value", memory: "value" });
const flag = (name: "hidden") => args[name] === true;
const value = (name: Exclude<keyof typeof args, "hidden" | "_">) => args[name];
const fail = (msg: string) => { console.error(`[grade] ${msg}`); process.exit(2); };

/** A positive number option, or exit naming it. */
const num = (name: "seed" | "timeout" | "memory", fallback: number) => {
  const n = Number(value(name) ?? fallback);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} ${value(name)} is not a positive number`);
  return n;
};

const hiddenWanted = flag("hidden");
if (hiddenWanted && !existsSync(path.resolve("grader", "reference.ts"))) fail("--hidden needs the instructor's copy of the course (solutions/ and grader/reference.ts)");
const seed = num("seed", randomInt(1, 2 ** 31));
const only = value("only");
if (only !== undefined) { try { lessonFile(only); } catch (e) { fail(`--${(e as Error).message}`); } }
// A broken cases file is the grader's failure, not the student's: it becomes a results.json that says so.
let casesError = "";
const publicCases = (() => { try { return loadPublicCases(); } catch (e) { casesError = `the public cases could not be read: ${(e as Error).message}`; return { seed: 0, tolerance: 0, cases: {} }; } })();
const opts = {
  only,
  publicCases,
  hidden: hiddenWanted ? { seed, count: 5 } : undefined,
  limits: { timeoutMs: 1000 * num("timeout", 5), memoryMb: num("memory", 256) },
};

/** Grades one folder; whatever goes wrong inside the grader becomes a zero with the reason, never a crash. */
const gradeSafely = (dir: string) => (casesError ? Promise.reject(new Error(casesError)) : gradeSubmission(dir, opts))
  .catch((e: Error) => failedResult(e.message, !!opts.hidden, only));

const batch = value("batch");
if (batch) {
  const csv = value("csv") ?? fail("--batch needs --csv FILE");
  if (!existsSync(batch) || !statSync(batch).isDirectory()) fail(`--batch ${batch} is not a folder`);
  const students = readdirSync(batch).filter((d) => statSync(path.join(batch, d)).isDirectory()).sort();
  const rows: { student: string; result: SubmissionResult }[] = [];
  const t0 = performance.now();
  let next = 0, done = 0;
  const bar = () => {
    const w = 30, filled = Math.round((w * done) / Math.max(1, students.length));
    const eta = done ? ((performance.now() - t0) / done) * (students.length - done) / 1000 : 0;
    process.stderr.write(`\r[grade] [${"#".repeat(filled)}${".".repeat(w - filled)}] ${done}/${students.length}  ETA ${eta.toFixed(0)} s `);
  };
  bar();
  // two at a time: each submission already runs its files in parallel child processes
  await Promise.all([0, 1].map(async () => {
    while (next < students.length) {
      const student = students[next++];
      rows.push({ student, result: await gradeSafely(path.join(batch, student)) });
      done++;
      bar();
    }
  }));
  rows.sort((a, b) => a.student.localeCompare(b.student));
  writeFileSync(csv!, gradebookCsv(rows));
  process.stderr.write("\n");
  console.log(`[grade] ${students.length} submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${csv}${hiddenWanted ? ` (hidden seed ${seed})` : ""}`);
} else {
  const dir = value("submission") ?? "exercises";
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`--submission ${dir} is not a folder`);
  const result = await gradeSafely(dir);
  console.log(consoleReport(result));
  if (!only && result.exercises.some((e) => e.public.notStarted)) console.log("Tip: `npm run grade -- --only 01` grades one lesson's file alone (a lesson number or a file name).");
  const results = value("results");
  if (results) {
    writeFileSync(results, JSON.stringify(gradescopeResults(result), null, 2) + "\n");
    console.log(`[grade] wrote ${results}`);
  }
}
