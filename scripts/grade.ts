// `npm run grade` — grade exercises/ against the public cases and print a report (an unknown option is refused).
//   -- --only 01 (or 01_similarity.ts)                         one lesson's file alone; the others are not run
//   -- --submission DIR --results FILE [--hidden] [--seed N]   one submission → Gradescope results.json
//   -- --batch DIR --csv FILE [--hidden] [--seed N]            every subfolder is a student → gradebook CSV
//   -- --student ID [--secret FILE]   grade as that student: their public cases and variant (instructor's copy;
//                                     in a student's bundle only their own id). In a batch each folder name is
//                                     the id. The secret defaults to grader/secret, created on first use.
//   --timeout SECONDS (per exercise, default 5), --memory MB (per child, default 256)
import "../grader/checker.js"; // first: its type checker warms up (~2 s) while the rest loads
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomInt } from "node:crypto";
import path from "node:path";
import { failedResult, gradeSubmission, type SubmissionResult } from "../grader/grade.js";
import { lessonFile } from "../grader/lesson_file.js";
import { loadPublicCases, parsePublicCases, type PublicCases } from "../grader/cases.js";
import type { StudentVariant } from "../grader/variant.js";
import { consoleReport, gradebookCsv, gradescopeResults } from "../grader/report.js";
import { scriptOptions } from "./options.js";
import { courseRoot } from "../grader/course_root.js";

const args = scriptOptions("grade", { only: "value", submission: "value", results: "value", batch: "value", csv: "value", hidden: "flag", seed: "value",
  student: "value", secret: "value", timeout: "value", memory: "value" });
const flag = (name: Exclude<keyof typeof args, "_">) => args[name] !== undefined;
const value = (name: Exclude<keyof typeof args, "hidden" | "_">) => args[name];
const fail = (msg: string) => { console.error(`[grade] ${msg}`); process.exit(2); };
/** A positive number option, or exit naming it. */
const num = (name: "seed" | "timeout" | "memory", fallback: number) => {
  const n = Number(value(name) ?? fallback);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} ${value(name)} is not a positive number`);
  return n;
};

const root = courseRoot;
const instructor = existsSync(path.join(root, "grader", "reference.ts"));
const hiddenWanted = flag("hidden");
if (hiddenWanted && !instructor) fail("--hidden needs the instructor's copy of the course (solutions/ and grader/reference.ts)");
const seed = num("seed", randomInt(1, 2 ** 31));
const only = value("only");
if (only !== undefined) { try { lessonFile(only); } catch (e) { fail(`--${(e as Error).message}`); } }
// A broken cases file is the grader's failure, not the student's: it becomes a results.json that says so.
let casesError = "";
const publicCases = (() => { try { return loadPublicCases(); } catch (e) { casesError = `the public cases could not be read: ${(e as Error).message}`; return { seed: 0, tolerance: 0, cases: {} }; } })();
const student = value("student");
if (flag("student") && !student) fail("--student needs an id");
const secretFile = path.resolve(value("secret") ?? path.join(root, "grader", "secret"));
if (flag("secret") && !value("secret")) fail("--secret needs a file");
if (publicCases.student) console.log(`[grade] the public cases of student ${publicCases.student}`);

/** A student's public cases: drawn for their variant in the instructor's copy; a student's bundle has only its own. */
async function casesOf(id: string): Promise<PublicCases> {
  if (!instructor) {
    if (publicCases.student === id) return publicCases;
    return fail(`--student ${id}: this copy of the course holds ${publicCases.student ? `the cases of student ${publicCases.student}` : "the course's own cases"}, and no solutions to draw another student's from`);
  }
  const { loadSecret, studentVariant } = await import("../grader/variant.js");
  const generate = "../grader/public_cases.js"; // instructor-only, absent from a student's bundle
  const { generatePublicCases } = (await import(generate)) as { generatePublicCases(student: StudentVariant): string };
  return parsePublicCases(generatePublicCases(studentVariant(id, loadSecret(secretFile))));
}

const opts = {
  only,
  publicCases,
  hidden: hiddenWanted ? { seed, count: 5 } : undefined,
  limits: { timeoutMs: 1000 * num("timeout", 5), memoryMb: num("memory", 256) },
};

/** A student's cases, or why there are none (an id the grader cannot take becomes that student's zero). */
const casesFor = (id?: string): Promise<PublicCases | Error> => (casesError ? Promise.resolve(new Error(casesError))
  : id === undefined ? Promise.resolve(publicCases) : casesOf(id).catch((e: Error) => e));

/** Grades one folder; whatever goes wrong inside the grader becomes a zero with the reason, never a crash. */
const gradeSafely = (dir: string, cases: PublicCases | Error) => (cases instanceof Error ? Promise.reject(cases) : gradeSubmission(dir, { ...opts, publicCases: cases }))
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
  // every student's cases before any child runs: computing them holds the event loop, which must not eat into
  // another submission's clock; in the instructor's copy the folder name is the student id
  const cases = new Map<string, PublicCases | Error>();
  for (const s of students) cases.set(s, await casesFor(instructor ? s : undefined));
  bar();
  // two at a time: each submission already runs its files in parallel child processes
  await Promise.all([0, 1].map(async () => {
    while (next < students.length) {
      const student = students[next++];
      rows.push({ student, result: await gradeSafely(path.join(batch, student), cases.get(student)!) });
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
  if (student) console.log(`[grade] graded as student ${student}: their public cases and variant`);
  const result = await gradeSafely(dir, await casesFor(student));
  console.log(consoleReport(result));
  if (!only && result.exercises.some((e) => e.public.notStarted)) console.log("Tip: `npm run grade -- --only 01` grades one lesson's file alone (a lesson number or a file name).");
  const results = value("results");
  if (results) {
    writeFileSync(results, JSON.stringify(gradescopeResults(result), null, 2) + "\n");
    console.log(`[grade] wrote ${results}`);
  }
}
