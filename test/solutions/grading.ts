// What the solutions tests share: a lesson's finished file graded beside the same file with one body replaced,
// and mutants (wrong answers) that an exercise's public cases and fresh draws must each catch.
import test from "ava";
import { Rng } from "../../lib/index.js";
import { caseKey, loadPublicCases } from "../../grader/cases.js";
import { compare } from "../../grader/compare.js";
import type { Exercise } from "../../grader/exercises.js";
import { gradeSubmission } from "../../grader/grade.js";
import { finished, replaceBody, submission } from "../../grader/hostile.js";
import { drawCases } from "../../grader/reference.js";

export type F = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The limits the solutions tests grade under (production: grade.ts's DEFAULT_LIMITS). */
export const TEST_LIMITS = { timeoutMs: 3000, memoryMb: 128 };

/** Lesson `file` (e.g. "02_self_attention.ts") graded finished, and with `fn`'s body replaced by `body`. */
export async function gradeWithBody(file: string, fn: string, body: string, hidden = { seed: 4, count: 5 }) {
  const opts = { publicCases: loadPublicCases(), hidden, limits: TEST_LIMITS, only: file.slice(0, 2) };
  const full = await gradeSubmission(submission(), opts);
  const replaced = await gradeSubmission(submission({ [file]: replaceBody(finished(file), fn, body) }), opts);
  return { full, replaced };
}

/** A mutant is a wrong answer, not a crash: one that throws fails the test instead of counting as caught. */
export const fails = (f: F, cases: { args: unknown[]; expected: unknown }[]) =>
  cases.some((c) => compare(c.expected, JSON.parse(JSON.stringify(f(...structuredClone(c.args))))) !== null);

/** A test that mutant `f` ("what") of `ex` fails its public cases and 40 fresh draws graded by `ref`. */
export function mutantTest(lesson: number, ex: Exercise, what: string, f: F, ref: F): void {
  test(`${lesson} · ${ex.name}: "${what}" fails the public cases and 40 fresh draws`, (t) => {
    const pub = loadPublicCases().cases[caseKey(ex)];
    t.truthy(pub, "npm run generate has written the public cases");
    t.true(fails(f, pub), "caught by the public cases");
    const fresh = drawCases(ex, new Rng(99), 40, false);
    t.true(fails(f, fresh.map((args) => ({ args, expected: JSON.parse(JSON.stringify(ref(...structuredClone(args)))) }))), "caught by 40 fresh draws");
  });
}
