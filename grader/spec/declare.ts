// The one place an exercise is declared: beside its reference body in solutions/*.ts,
//   lesson({ imports: ["Matrix", "matmul"] });
//   export function dot(a: number[], b: number[]): number { … }
//   exercise(dot, { points, title, hint: { section, text }, draw: (rng, variant) => [a, b], edge, kind, check });
// `npm run generate` reads these (see generate.ts) and writes the student stubs, grader/manifest.ts and the
// public cases; nothing else may repeat a point, a hint or an allowed import (test/grader/one_source.test.ts).
import type { Rng } from "../../lib/index.js";

/**
 * "core" counts towards the maximum; "stretch" points are extra (added to the score, not to the maximum);
 * "design" has many right answers and is graded by `check`; "interpretation" reads a model's weights;
 * "predict": the student commits to a prediction of what a notebook cell will show before running it, graded on
 * being right, and its points count towards the maximum as a core exercise's do.
 */
export type Kind = "core" | "stretch" | "design" | "interpretation" | "predict";

/** What a wrong answer is told: `section` is a heading of the lesson's notebook, word for word (a test checks it);
 * `nonFinite` replaces `text` when the answer holds NaN or ±Infinity. */
export interface Hint { section: string; text: string; nonFinite?: string }

/** Which variant of an exercise a student has (0 for the course's own; see variant.ts). */
export type Variant = number;

export interface ExerciseDeclaration {
  points: number;
  title: string;
  kind?: Kind;
  hint: Hint;
  /** Draws one argument list from a seeded stream, for the student's variant. */
  draw: (rng: Rng, variant: Variant) => unknown[];
  /** Hand-picked public cases, graded before the drawn ones. */
  edge?: unknown[][] | ((variant: Variant) => unknown[][]);
  /**
   * Design exercises have many right answers: `check` grades a returned value by its property (null: right;
   * else what is wrong). It runs in the grader's process on what a submission returned, so it must never throw;
   * the reference must pass it (tested). It must be one of grader/checks.ts, which ship to students.
   */
  check?: (args: unknown[], value: unknown, variant?: Variant) => string | null;
  /**
   * How the exercise's text changes in a student's variant: each key of the result, found in the exercise's doc
   * comment, is replaced by its value in that student's exercises/ file (see generate.ts).
   */
  wording?: (variant: Variant) => Record<string, string>;
  /**
   * A design exercise whose answer depends on the student's variant (not on its inputs): a right answer in
   * `variant`. Tests and finished submissions use it; the reference body answers the course's variant.
   */
  answer?: (variant: Variant) => unknown;
}

export interface Declared { fn: (...args: never[]) => unknown; declaration: ExerciseDeclaration }
export interface DeclaredLesson { imports: string[]; exercises: Declared[] }

/** Every lesson declared so far, in the order the solution modules ran. */
export const declaredLessons: DeclaredLesson[] = [];

/** Opens a lesson (one solutions/ file): the names its exercises may import from "../../lib/index.js". */
export function lesson(decl: { imports: string[] }): void {
  declaredLessons.push({ imports: decl.imports, exercises: [] });
}

/** Declares the function just above as an exercise of the current lesson. */
export function exercise<F extends (...args: never[]) => unknown>(fn: F, declaration: ExerciseDeclaration): void {
  const current = declaredLessons.at(-1);
  if (!current) throw new Error(`exercise: ${fn.name} is declared before lesson({ imports }) in its solution file`);
  if (current.exercises.some((e) => e.fn.name === fn.name)) throw new Error(`exercise: ${fn.name} is declared twice`);
  current.exercises.push({ fn, declaration });
}
