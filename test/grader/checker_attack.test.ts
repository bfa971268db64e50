// From an attack on the checker process (grader/checker.ts, typecheck.ts): student text is parsed only there,
// under its limits, so a file that makes TypeScript's parser take exponential time or overflow its stack costs
// its own exercises and never another student's; a checker that died while idle, or a damaged cache of the
// helpers' declarations, costs nobody anything.
import test from "ava";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { facadeCacheFile } from "../../grader/declarations.js";
import { finished, submission } from "../../grader/hostile.js";
import { FULL, filePoints } from "./points.js";

const publicCases = loadPublicCases();
const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");
const outputs = (r: SubmissionResult, file: string) => r.exercises.filter((e) => e.file === file).map((e) => e.public.output);

test.serial("a parse of exponential time (nested async arrows) costs its own file; an honest submission graded beside it keeps every point", async (t) => {
  // TypeScript 5.9 parses 20 nested `async (a = ` in ~7.6 s and doubles with each more: in the grader's thread
  // it froze every timer and child of the batch (the honest student lost exercises to false time-outs)
  const slow = `export const slow = ${"async (a = ".repeat(21)}1${")".repeat(21)};\n`;
  const mallory = submission({ "06_applications.ts": slow + finished("06_applications.ts") });
  const honest = submission();
  const limits = { timeoutMs: 5000, memoryMb: 256, submissionMs: 120_000, checkMs: 3000, checkMemoryMb: 1024 };
  const [m, h] = await Promise.all([gradeSubmission(mallory, { publicCases, limits }), gradeSubmission(honest, { publicCases, limits })]);
  t.is(h.score, FULL, failing(h));
  t.is(m.score, FULL - filePoints("06_applications.ts"), failing(m));
  for (const o of outputs(m, "06_applications.ts")) t.is(o, "06_applications.ts could not be type-checked within 3 s (the limit per file): simplify its types");
});

test.serial("a file esbuild bundles in exponential time (nested `c ? (b) : R =>`) costs its own file, within the limit, and leaves no esbuild running", async (t) => {
  let body = "0";
  for (let i = 0; i < 40; i++) body = `c ? (b) : R => ${body} : 0`; // type-checks in ~0.4 s; esbuild's TypeScript parser doubles with each level
  const slow = `type R = F | 0;\ntype F = (b: number) => R;\nconst c = Math.random() > 2;\nexport const x: R = ${body};\n`;
  const mallory = submission({ "06_applications.ts": slow + finished("06_applications.ts") });
  const limits = { timeoutMs: 5000, memoryMb: 256, submissionMs: 120_000, checkMs: 3000, checkMemoryMb: 1024 };
  const [m, h] = await Promise.all([gradeSubmission(mallory, { publicCases, limits }), gradeSubmission(submission(), { publicCases, limits })]);
  t.is(h.score, FULL, failing(h));
  t.is(m.score, FULL - filePoints("06_applications.ts"), failing(m));
  for (const o of outputs(m, "06_applications.ts")) t.is(o, "06_applications.ts could not be compiled within 3 s (the limit per file, with its type check): simplify it");
  await new Promise((r) => setTimeout(r, 1000));
  const orphans = execFileSync("ps", ["-eo", "ppid=,args="], { encoding: "utf8" }).split("\n").filter((l) => /^\s*1\s.*esbuild.*--service/.test(l));
  t.deepEqual(orphans, [], "an esbuild service outlived the checker process that was killed");
});

test.serial("800 nested braces overflow the parser's stack: that file scores 0 with a reason, the rest keep their points", async (t) => {
  for (const deep of [`export const deep = ${"{a:".repeat(800)}1${"}".repeat(800)};\n`, `export const deep = ${"(".repeat(20_000)}1${")".repeat(20_000)};\n`]) {
    const r = await gradeSubmission(submission({ "01_similarity.ts": deep + finished("01_similarity.ts") }), { publicCases, limits: { timeoutMs: 5000, memoryMb: 256, submissionMs: 120_000, checkMs: 3000, checkMemoryMb: 1024 } });
    t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
    // the stack overflows in the parser, the import rule's walk or the checker: wherever, the file's own reason
    for (const o of outputs(r, "01_similarity.ts")) t.regex(o, /^(01_similarity\.ts could not be type-checked (\(Maximum call stack size exceeded\): simplify it|within 3 s \(the limit per file\): simplify its types)|the type checker stopped while checking 01_similarity\.ts)$/);
  }
});

test.serial("a checker process that died while idle is replaced: the next submission keeps every point", async (t) => {
  const first = await gradeSubmission(submission(), { publicCases });
  t.is(first.score, FULL, failing(first));
  const pids = execFileSync("pgrep", ["-P", String(process.pid), "-f", "max-old-space-size"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  t.true(pids.length > 0, "an idle checker process");
  for (const pid of pids) process.kill(Number(pid), "SIGKILL");
  await new Promise((r) => setTimeout(r, 300));
  const again = await gradeSubmission(submission(), { publicCases });
  t.is(again.score, FULL, failing(again));
});

test.serial("a damaged cache of the helpers' declarations is emitted afresh, and every grade stays right", async (t) => {
  await gradeSubmission(submission(), { publicCases, only: "01" }); // the cache exists
  const cache = facadeCacheFile();
  t.true(existsSync(cache), cache);
  const good = readFileSync(cache, "utf8");
  for (const damage of ["{}", "null", "[1]", JSON.stringify({ ...JSON.parse(good), "/course/grader/student_lib.d.ts": "export {};\n" })]) {
    writeFileSync(cache, damage);
    // another memory limit makes a fresh checker process, which reads the cache at its start
    const r = await gradeSubmission(submission(), { publicCases, limits: { timeoutMs: 5000, memoryMb: 256, submissionMs: 120_000, checkMs: 60_000, checkMemoryMb: 1000 + damage.length % 7 } });
    t.is(r.score, FULL, `${damage.slice(0, 40)}: ${failing(r)}`);
    t.is(readFileSync(cache, "utf8"), good, "the cache is whole again");
  }
});
