// Grades one submission folder (the exercise files at any depth, see submission.ts): static import check,
// type-check, compile, run in the sandbox (one child per exercise, see run.ts and sandbox.ts; a file runs while
// the next is checked), compare with expectations computed here. Never throws for anything a submission does.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Rng } from "../lib/index.js";
import { allowedLibImports, exerciseFiles, exercises, withVariant, type Exercise } from "./exercises.js";
import { checkTypes, type CheckLimits, type Checked } from "./checker.js";
import { runIsolated, type ExerciseRun, type RunLimits } from "./run.js";
import { findSubmission } from "./submission.js";
import { dropsPrivileges } from "./sandbox.js";
import { corePoints, judge } from "./feedback.js";
import { lessonFile } from "./lesson_file.js";
import { caseKey, exerciseSeed, type PublicCases } from "./cases.js";

/** `notStarted`: every case threw the generated stub's "not implemented yet". */
export interface TestResult { score: number; max: number; passed: boolean; output: string; notStarted?: boolean }
/** `stretch`: its points are extra (in `score`, not in `max`; see Exercise.stretch). */
export interface ExerciseResult { file: string; name: string; title: string; points: number; stretch?: boolean; public: TestResult; hidden?: TestResult }
/** `score` includes what stretch exercises earned; `max` counts the core exercises only. */
export interface SubmissionResult { exercises: ExerciseResult[]; score: number; max: number; seconds: number; hiddenSeed?: number }
/**
 * `only`: one lesson's exercise file (see lessonFile); the other files are neither compiled nor run.
 * The student's variant (grader/variant.ts) is `publicCases.variant`: hidden cases are drawn and design answers
 * checked for it.
 */
export interface GradeOptions { publicCases: PublicCases; hidden?: { seed: number; count: number }; limits?: RunLimits & Partial<CheckLimits>; only?: string }

/** Per exercise 5 s, 256 MB for the whole child, 120 s for the whole submission; 10 s and 1 GB to type-check a file. */
export const DEFAULT_LIMITS: RunLimits & CheckLimits = { timeoutMs: 5000, memoryMb: 256, submissionMs: 120_000, checkMs: 10_000, checkMemoryMb: 1024 };

interface Reference { expectedFor(ex: Exercise, cases: unknown[][]): unknown[]; drawCases(ex: Exercise, rng: Rng, count: number, withEdge: boolean, variant: number): unknown[][] }
/** The instructor-only module that runs the solutions; absent from the student release, so resolved at run time only. */
async function loadReference(): Promise<Reference> {
  const specifier = "./reference.js";
  return (await import(specifier)) as Reference;
}

/** Scores one exercise's outcomes against expectations: all cases must pass (feedback from `judge`). */
function score(ex: Exercise, run: ExerciseRun, expected: unknown[], args: unknown[][], offset: number, max: number): TestResult {
  if (run.error) return { score: 0, max, passed: false, output: run.error };
  const v = judge(ex, expected.map((e, i) => ({ args: args[offset + i], expected: e })), expected.map((_, i) => run.outcomes?.[offset + i]));
  return { score: v.status === "done" ? max : 0, max, passed: v.status === "done", output: v.output, ...(v.status === "not started" ? { notStarted: true } : {}) };
}

export async function gradeSubmission(dir: string, opts: GradeOptions): Promise<SubmissionResult> {
  const t0 = performance.now();
  const files = opts.only ? [lessonFile(opts.only)] : exerciseFiles;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const submissionMs = limits.submissionMs ?? DEFAULT_LIMITS.submissionMs!;
  const deadline = { at: t0 + submissionMs, seconds: submissionMs / 1000 };
  const reference = opts.hidden ? await loadReference() : undefined;
  const variant = opts.publicCases.variant ?? 0;
  // expected files at any depth; copies, links and missing files become per-file reasons
  const found = findSubmission(dir, files);
  const fileProblem = new Map(found.problems);
  // Every later stage reads a private copy of the text read once (bounded, regular files only), never the
  // submission's path again: what was checked is what is compiled. Children may not read the copies.
  const work = mkdtempSync(path.join(os.tmpdir(), "attention-kit-grade-"));
  const sources = path.join(work, "src");
  mkdirSync(sources, { mode: 0o700 });
  if (dropsPrivileges) chmodSync(work, 0o711); // children run as other users: they may open their bundle by name, not list the folder
  try {
    const at = (f: string) => path.join(sources, f);
    const present = files.filter((f) => {
      if (fileProblem.has(f)) return false;
      writeFileSync(at(f), found.texts.get(f)!, { mode: 0o600 });
      return true;
    });
    // The checker process applies the import rule, type-checks and bundles (student text is parsed there only,
    // under its limits: TypeScript's and esbuild's parsers can take exponential time). A file runs as soon as its
    // own bundle is answered, while the checker goes on with the next.
    const answered = new Map(present.map((f) => { let resolve!: (c: Checked) => void; return [at(f), { done: new Promise<Checked>((r) => { resolve = r; }), resolve }]; }));
    const checking = checkTypes(present.map(at), allowedLibImports, { checkMs: limits.checkMs ?? DEFAULT_LIMITS.checkMs, checkMemoryMb: limits.checkMemoryMb ?? DEFAULT_LIMITS.checkMemoryMb },
      deadline, (file, checked) => answered.get(file)?.resolve(checked));
    await new Promise((r) => setImmediate(r)); // the first file goes to a warm checker before the hidden cases are computed here

    const runs = new Map<string, ExerciseRun>();
    // Each exercise draws its hidden cases from its own stream (exerciseSeed), so a seed gives every submission
    // of a batch the same cases, with --only too; only the graded files' cases are drawn and computed.
    const plan = new Map(exercises.map((ex) => {
      const graded = reference && files.includes(ex.file);
      const hiddenArgs = graded ? reference.drawCases(ex, new Rng(exerciseSeed(opts.hidden!.seed, ex)), opts.hidden!.count, false, variant) : [];
      const hiddenExpected = graded ? reference.expectedFor(ex, hiddenArgs) : [];
      return [caseKey(ex), { publicN: opts.publicCases.cases[caseKey(ex)].length, hiddenArgs, hiddenExpected }];
    }));
    await Promise.all([checking, ...files.map(async (f) => {
      const exs = exercises.filter((e) => e.file === f);
      if (fileProblem.has(f)) return;
      const checked = await answered.get(at(f))!.done;
      if ("problem" in checked) { fileProblem.set(f, checked.problem); return; }
      const js = checked.js;
      const bundlePath = path.join(work, f.replace(/\.ts$/, ".mjs"));
      writeFileSync(bundlePath, js, { mode: 0o444 });
      const jobs = exs.map((ex) => ({ name: ex.name, cases: [...opts.publicCases.cases[caseKey(ex)].map((c) => c.args), ...plan.get(caseKey(ex))!.hiddenArgs] }));
      for (const [name, r] of await runIsolated(bundlePath, jobs, limits, deadline)) runs.set(`${f}#${name}`, r);
    })]);

    const results = exercises.filter((ex) => files.includes(ex.file)).map((e) => withVariant(e, variant)).map((ex): ExerciseResult => {
      const key = caseKey(ex);
      const p = plan.get(key)!;
      const run: ExerciseRun = fileProblem.has(ex.file) ? { error: fileProblem.get(ex.file) } : runs.get(key) ?? { error: "no result" };
      const pub = opts.publicCases.cases[key];
      const half = opts.hidden ? ex.points / 2 : ex.points;
      const result: ExerciseResult = { file: ex.file, name: ex.name, title: ex.title, points: ex.points, ...(ex.stretch ? { stretch: true } : {}), public: score(ex, run, pub.map((c) => c.expected), pub.map((c) => c.args), 0, half) };
      if (opts.hidden) result.hidden = score(ex, run, p.hiddenExpected, [...pub.map((c) => c.args), ...p.hiddenArgs], p.publicN, half);
      return result;
    });
    const total = results.reduce((s, r) => s + r.public.score + (r.hidden?.score ?? 0), 0);
    return { exercises: results, score: total, max: corePoints(results), seconds: (performance.now() - t0) / 1000, hiddenSeed: opts.hidden?.seed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A zero result for every exercise, with the reason, for a submission the grader itself failed on. */
export function failedResult(reason: string, hidden: boolean, only?: string): SubmissionResult {
  const t = (max: number): TestResult => ({ score: 0, max, passed: false, output: `grader error: ${reason}` });
  const graded = only ? exercises.filter((ex) => ex.file === lessonFile(only)) : exercises;
  return {
    exercises: graded.map((ex) => ({ file: ex.file, name: ex.name, title: ex.title, points: ex.points, ...(ex.stretch ? { stretch: true } : {}), public: t(hidden ? ex.points / 2 : ex.points), hidden: hidden ? t(ex.points / 2) : undefined })),
    score: 0, max: corePoints(graded), seconds: 0,
  };
}
