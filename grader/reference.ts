// The instructor's side of every exercise: the reference functions and their declarations (solutions/*.ts,
// see spec/declare.ts), the case generators, and the expected outputs, computed in the grader's own process (never
// in a student's). Instructor-only: not part of the student release.
import type { Rng } from "../lib/index.js";
import * as s00 from "../solutions/00_soft_lookup.js";
import * as s01 from "../solutions/01_similarity.js";
import * as s02 from "../solutions/02_self_attention.js";
import * as s03 from "../solutions/03_multi_head.js";
import * as s04 from "../solutions/04_bahdanau.js";
import * as s05 from "../solutions/05_transformer.js";
import * as s06 from "../solutions/06_applications.js";
import { declaredLessons, type Declared, type ExerciseDeclaration, type Variant } from "./spec/declare.js";
import type { Exercise } from "./exercises.js";
import type { ExpectedThrow } from "./compare.js";

const modules: Record<string, Record<string, unknown>> = {
  "00_soft_lookup.ts": s00, "01_similarity.ts": s01, "02_self_attention.ts": s02, "03_multi_head.ts": s03, "04_bahdanau.ts": s04, "05_transformer.ts": s05, "06_applications.ts": s06,
};

export interface SolutionLesson { file: string; imports: string[]; exercises: (Declared & { name: string })[] }

/** Every lesson as its solution file declares it, in file order; a lesson is found by the functions it exports. */
export const solutionLessons: SolutionLesson[] = declaredLessons.map((l) => {
  const file = Object.keys(modules).find((f) => l.exercises.some((e) => modules[f][e.fn.name] === e.fn));
  if (!file) throw new Error(`reference: a lesson({ imports }) declares no exercise exported by a solution file`);
  return { file, imports: l.imports, exercises: l.exercises.map((e) => ({ ...e, name: e.fn.name })) };
}).sort((a, b) => a.file.localeCompare(b.file));

function declared(ex: Pick<Exercise, "file" | "name">): Declared & { name: string } {
  const found = solutionLessons.find((l) => l.file === ex.file)?.exercises.find((e) => e.name === ex.name);
  if (!found) throw new Error(`reference: solutions/${ex.file} does not declare ${ex.name}`);
  return found;
}

/** The reference function of an exercise. */
export function referenceOf(ex: Pick<Exercise, "file" | "name">): (...args: unknown[]) => unknown {
  return declared(ex).fn as (...args: unknown[]) => unknown;
}

/** An exercise's declaration (its case generator, edge cases and check). */
export const declarationOf = (ex: Pick<Exercise, "file" | "name">): ExerciseDeclaration => declared(ex).declaration;

/** Argument lists for one exercise and variant: its edge cases, then `count` drawn from `rng`. */
export function drawCases(ex: Pick<Exercise, "file" | "name">, rng: Rng, count: number, withEdge: boolean, variant: Variant = 0): unknown[][] {
  const d = declarationOf(ex);
  const edge = typeof d.edge === "function" ? d.edge(variant) : d.edge ?? [];
  return [...(withEdge ? edge : []), ...Array.from({ length: count }, () => d.draw(rng, variant))];
}

/**
 * Runs the reference on deep copies of each argument list (a reference must not see mutated inputs). A case on
 * which the reference throws an Error naming itself expects the same: `{ throws: name }` (see compare.ts).
 */
export function expectedFor(ex: Pick<Exercise, "file" | "name">, cases: unknown[][]): unknown[] {
  const f = referenceOf(ex);
  return cases.map((args) => {
    try {
      return f(...structuredClone(args));
    } catch (e) {
      if (e instanceof Error && e.message.includes(ex.name)) return { throws: ex.name } satisfies ExpectedThrow;
      throw e;
    }
  });
}
