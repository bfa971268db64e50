// Expected outputs, computed by the reference solutions in the grader's own process (never in a student's).
// Instructor-only: not part of the student release.
import * as s00 from "../solutions/00_soft_lookup.js";
import * as s01 from "../solutions/01_similarity.js";
import * as s02 from "../solutions/02_self_attention.js";
import * as s03 from "../solutions/03_multi_head.js";
import * as s04 from "../solutions/04_bahdanau.js";
import * as s05 from "../solutions/05_transformer.js";
import type { Exercise } from "./exercises.js";

const modules: Record<string, Record<string, unknown>> = {
  "00_soft_lookup.ts": s00, "01_similarity.ts": s01, "02_self_attention.ts": s02, "03_multi_head.ts": s03, "04_bahdanau.ts": s04, "05_transformer.ts": s05,
};

/** The reference function of an exercise. */
export function referenceOf(ex: Exercise): (...args: unknown[]) => unknown {
  const f = modules[ex.file]?.[ex.name];
  if (typeof f !== "function") throw new Error(`reference: solutions/${ex.file} does not export ${ex.name}`);
  return f as (...args: unknown[]) => unknown;
}

/** Runs the reference on deep copies of each argument list (a reference must not see mutated inputs). */
export function expectedFor(ex: Exercise, cases: unknown[][]): unknown[] {
  const f = referenceOf(ex);
  return cases.map((args) => f(...structuredClone(args)));
}
