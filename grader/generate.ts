// What `npm run generate` writes, as pure functions so a test can compare them with the committed files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Rng } from "../lib/index.js";
import { drawCases, exerciseFiles, exercises, TOLERANCE } from "./exercises.js";
import { exerciseHeader, stripSolutions } from "./markers.js";
import { expectedFor } from "./reference.js";
import { caseKey, type PublicCases } from "./cases.js";

export const PUBLIC_SEED = 20241;
export const PUBLIC_DRAWN = 4;

/** exercises/<file> for every solution file: header + solution with the marked regions stubbed. */
export function generateExercises(root: string): Map<string, string> {
  return new Map(exerciseFiles.map((f) => [f, exerciseHeader(f) + stripSolutions(readFileSync(path.join(root, "solutions", f), "utf8"), f)]));
}

/** grader/cases/public.json: each exercise's edge cases and PUBLIC_DRAWN seeded ones, with the reference outputs
 * (null for a design exercise, which its `check` grades). */
export function generatePublicCases(): string {
  const rng = new Rng(PUBLIC_SEED);
  const cases: PublicCases["cases"] = {};
  for (const ex of exercises) {
    const args = drawCases(ex, rng, PUBLIC_DRAWN, true);
    const expected = expectedFor(ex, args);
    // a design exercise is graded by its check: its reference output is one answer of many, and not shown
    cases[caseKey(ex)] = args.map((a, i) => ({ args: a, expected: ex.check ? null : expected[i] }));
  }
  return JSON.stringify({ seed: PUBLIC_SEED, tolerance: TOLERANCE, cases } satisfies PublicCases, null, 1) + "\n";
}
