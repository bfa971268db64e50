// The public cases of the course or of one student (instructor side: computed with the reference solutions). Kept
// apart from generate.ts so that grading a student's variant loads no TypeScript compiler.
import { Rng } from "../lib/index.js";
import { drawCases, expectedFor, solutionLessons } from "./reference.js";
import { caseKey, exerciseSeed, TOLERANCE, type PublicCases } from "./cases.js";
import type { StudentVariant } from "./variant.js";

export const PUBLIC_SEED = 20241;
export const PUBLIC_DRAWN = 4;

/**
 * grader/cases/public.json: each exercise's edge cases and PUBLIC_DRAWN seeded ones, with the reference outputs
 * (null for a design exercise, which its `check` grades). Without `student`, the course's own (seed PUBLIC_SEED,
 * variant 0, the committed file); with it, that student's, drawn from their seed for their variant.
 */
export function generatePublicCases(student?: StudentVariant): string {
  const seed = student?.seed ?? PUBLIC_SEED, variant = student?.variant ?? 0;
  const cases: PublicCases["cases"] = {};
  for (const l of solutionLessons) for (const e of l.exercises) {
    const ex = { file: l.file, name: e.name };
    const args = drawCases(ex, new Rng(exerciseSeed(seed, ex)), PUBLIC_DRAWN, true, variant);
    const expected = expectedFor(ex, args);
    // a design exercise is graded by its check: its reference output is one answer of many, and not shown
    cases[caseKey(ex)] = args.map((a, i) => ({ args: a, expected: e.declaration.check ? null : expected[i] }));
  }
  const whose = student ? { student: student.student, variant } : {};
  return JSON.stringify({ seed, tolerance: TOLERANCE, ...whose, cases } satisfies PublicCases, null, 1) + "\n";
}
