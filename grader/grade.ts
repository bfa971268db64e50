// Grades one submission folder laid out like exercises/: static import check, type-check, compile, run in
// the sandbox, compare with expectations computed here. Never throws for anything a submission does.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Rng } from "../lib/index.js";
import { allowedLibImports, drawCases, exerciseFiles, exercises, type Exercise } from "./exercises.js";
import { checkImports } from "./static_check.js";
import { typeErrors } from "./typecheck.js";
import { bundle } from "./bundle.js";
import { runIsolated, type ExerciseRun, type RunLimits } from "./run.js";
import { compare, shapeOf } from "./compare.js";
import { caseKey, type PublicCases } from "./cases.js";

export interface TestResult { score: number; max: number; passed: boolean; output: string }
export interface ExerciseResult { file: string; name: string; title: string; points: number; public: TestResult; hidden?: TestResult }
export interface SubmissionResult { exercises: ExerciseResult[]; score: number; max: number; seconds: number; hiddenSeed?: number }
export interface GradeOptions { publicCases: PublicCases; hidden?: { seed: number; count: number }; limits?: RunLimits }

interface Reference { expectedFor(ex: Exercise, cases: unknown[][]): unknown[] }
/** The instructor-only module that runs the solutions; absent from the student release, so resolved at run time only. */
async function loadReference(): Promise<Reference> {
  const specifier = "./reference.js";
  return (await import(specifier)) as Reference;
}

const describeArg = (a: unknown): string => (Array.isArray(a) ? shapeOf(a)! : a && typeof a === "object" ? `{ ${Object.keys(a).join(", ")} }` : String(a));

/** Scores one exercise's outcomes against expectations: all cases must pass. */
function score(run: ExerciseRun, expected: unknown[], args: unknown[][], offset: number, max: number): TestResult {
  if (run.error) return { score: 0, max, passed: false, output: run.error };
  for (let i = 0; i < expected.length; i++) {
    const o = run.outcomes?.[offset + i];
    const where = `case ${i + 1} of ${expected.length} (inputs ${args[offset + i].map(describeArg).join(", ")})`;
    if (!o) return { score: 0, max, passed: false, output: `${where}: no result` };
    if (!o.ok) return { score: 0, max, passed: false, output: `${where}: threw: ${o.error}` };
    const diff = compare(expected[i], o.value);
    if (diff) return { score: 0, max, passed: false, output: `${where}: ${diff}` };
  }
  return { score: max, max, passed: true, output: `all ${expected.length} cases pass` };
}

export async function gradeSubmission(dir: string, opts: GradeOptions): Promise<SubmissionResult> {
  const t0 = performance.now();
  const limits = opts.limits ?? { timeoutMs: 5000, memoryMb: 256 };
  const reference = opts.hidden ? await loadReference() : undefined;
  const hiddenRng = opts.hidden ? new Rng(opts.hidden.seed) : undefined;
  const fileProblem = new Map<string, string>();
  const present = exerciseFiles.filter((f) => {
    const p = path.join(dir, f);
    if (!existsSync(p)) { fileProblem.set(f, `${f} was not found in the submission`); return false; }
    let problem: string | null;
    try { problem = checkImports(readFileSync(p, "utf8"), f, allowedLibImports[f] ?? []); } catch (e) { problem = `${f} could not be read: ${(e as Error).message}`; }
    if (problem) fileProblem.set(f, problem);
    return !problem;
  });
  const types = typeErrors(present.map((f) => path.join(dir, f)));
  for (const f of present) {
    const errs = types.get(path.resolve(dir, f)) ?? [];
    if (errs.length) fileProblem.set(f, `${f} does not type-check: ${errs.slice(0, 3).join("; ")}${errs.length > 3 ? ` (+${errs.length - 3} more)` : ""}`);
  }

  const work = mkdtempSync(path.join(os.tmpdir(), "attention-kit-grade-"));
  try {
    const runs = new Map<string, ExerciseRun>();
    // Hidden cases are drawn in manifest order, so a seed gives every submission of a batch the same cases.
    const plan = new Map(exercises.map((ex) => {
      const hiddenArgs = hiddenRng ? drawCases(ex, hiddenRng, opts.hidden!.count, false) : [];
      return [caseKey(ex), { publicN: opts.publicCases.cases[caseKey(ex)].length, hiddenArgs, hiddenExpected: reference ? reference.expectedFor(ex, hiddenArgs) : [] }];
    }));
    await Promise.all(exerciseFiles.map(async (f) => {
      const exs = exercises.filter((e) => e.file === f);
      if (fileProblem.has(f)) return;
      let js: string;
      try { js = await bundle(path.join(dir, f)); } catch (e) { fileProblem.set(f, `${f} failed to compile: ${(e as Error).message}`); return; }
      const bundlePath = path.join(work, f.replace(/\.ts$/, ".mjs"));
      writeFileSync(bundlePath, js);
      const jobs = exs.map((ex) => ({ name: ex.name, cases: [...opts.publicCases.cases[caseKey(ex)].map((c) => c.args), ...plan.get(caseKey(ex))!.hiddenArgs] }));
      for (const [name, r] of await runIsolated(bundlePath, jobs, limits)) runs.set(`${f}#${name}`, r);
    }));

    const results = exercises.map((ex): ExerciseResult => {
      const key = caseKey(ex);
      const p = plan.get(key)!;
      const run: ExerciseRun = fileProblem.has(ex.file) ? { error: fileProblem.get(ex.file) } : runs.get(key) ?? { error: "no result" };
      const pub = opts.publicCases.cases[key];
      const half = opts.hidden ? ex.points / 2 : ex.points;
      const result: ExerciseResult = { file: ex.file, name: ex.name, title: ex.title, points: ex.points, public: score(run, pub.map((c) => c.expected), pub.map((c) => c.args), 0, half) };
      if (opts.hidden) result.hidden = score(run, p.hiddenExpected, [...pub.map((c) => c.args), ...p.hiddenArgs], p.publicN, half);
      return result;
    });
    const total = results.reduce((s, r) => s + r.public.score + (r.hidden?.score ?? 0), 0);
    return { exercises: results, score: total, max: exercises.reduce((s, e) => s + e.points, 0), seconds: (performance.now() - t0) / 1000, hiddenSeed: opts.hidden?.seed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A zero result for every exercise, with the reason, for a submission the grader itself failed on. */
export function failedResult(reason: string, hidden: boolean): SubmissionResult {
  const t = (max: number): TestResult => ({ score: 0, max, passed: false, output: `grader error: ${reason}` });
  return {
    exercises: exercises.map((ex) => ({ file: ex.file, name: ex.name, title: ex.title, points: ex.points, public: t(hidden ? ex.points / 2 : ex.points), hidden: hidden ? t(ex.points / 2) : undefined })),
    score: 0, max: exercises.reduce((s, e) => s + e.points, 0), seconds: 0,
  };
}
