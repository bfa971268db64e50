// Exercises of lesson 06: patchify and gridPositions agree with lib/apps (an independent implementation), a case
// whose right answer is an Error naming the function is graded as such, and each wrong answer loses exactly its points.
import test from "ava";
import { Rng, gridPositions as libGrid, patchify as libPatchify } from "../../lib/index.js";
import { exercises } from "../../grader/exercises.js";
import { drawCases, expectedFor } from "../../grader/reference.js";
import { judge } from "../../grader/feedback.js";
import { loadPublicCases } from "../../grader/cases.js";
import { gradeSubmission } from "../../grader/grade.js";
import * as s06 from "../../solutions/06_applications.js";
import { finished, replaceBody, submission } from "../../grader/hostile.js";

const ex = (name: string) => exercises.find((e) => e.file === "06_applications.ts" && e.name === name)!;
const publicCases = loadPublicCases();
const limits = { timeoutMs: 3000, memoryMb: 128 };

test("patchify and gridPositions equal lib/apps exactly on 40 drawn cases, and throw where lib throws", (t) => {
  for (const [image, p] of drawCases(ex("patchify"), new Rng(5), 40, true) as [number[][], number][]) {
    let lib: number[][] | string;
    try { lib = libPatchify(image, p).toArray(); } catch (e) { lib = (e as Error).message; }
    if (typeof lib === "string") t.throws(() => s06.patchify(image, p), { message: /^patchify: / });
    else t.deepEqual(s06.patchify(image, p), lib);
  }
  for (const [rows, cols, d] of drawCases(ex("gridPositions"), new Rng(6), 40, true) as number[][]) {
    if (d % 2) t.throws(() => s06.gridPositions(rows, cols, d), { message: /^gridPositions: / });
    else t.true(s06.gridPositions(rows, cols, d).every((row, i) => row.every((v, j) => Math.abs(v - libGrid(rows, cols, d).get(i, j)) < 1e-15)));
  }
});

test("a case the reference refuses expects { throws: name }; only an Error naming the function passes it", (t) => {
  const args = [[[1, 2, 3], [4, 5, 6]], 2];
  t.deepEqual(expectedFor(ex("patchify"), [args]), [{ throws: "patchify" }]);
  const cases = [{ args, expected: { throws: "patchify" } }];
  t.is(judge(ex("patchify"), cases, [{ ok: false, error: "patchify: p = 2 does not divide (2, 3)" }]).status, "done");
  t.regex(judge(ex("patchify"), cases, [{ ok: false, error: "bad p" }]).output, /expected an Error naming patchify; threw "bad p"/);
  t.regex(judge(ex("patchify"), cases, [{ ok: true, value: [[1]] }]).output, /expected an Error naming patchify; returned \[\[1\]\]/);
});

const wrong: [string, string, string, number][] = [
  ["patchify", "one token per pixel", "  const p0 = p; return image.flat().map((v) => [v * p0]);", 2],
  ["patchify", "an Error that does not name patchify", "  const W = image[0].length, p2 = p * p; if (W % p) throw new Error(\"bad p\");\n  return Array.from({ length: image.length * W / p2 }, (_, t) => Array.from({ length: p2 }, (_, k) => image[Math.floor(t / (W / p)) * p + Math.floor(k / p)][(t % (W / p)) * p + (k % p)]));", 2],
  ["gridPositions", "all zeros", "  return Array.from({ length: rows * cols }, () => new Array(d).fill(0));", 2],
  ["leapDayIsReal", "the wrong prediction", "  return true;", 1],
];
for (const [name, what, body, points] of wrong) {
  test.serial(`6 · ${name}, ${what}: loses exactly its ${points} point(s), public and hidden`, async (t) => {
    const src = replaceBody(finished("06_applications.ts"), name, body);
    const full = await gradeSubmission(submission({ "06_applications.ts": finished("06_applications.ts") }), { publicCases, hidden: { seed: 4, count: 20 }, limits, only: "06" });
    const r = await gradeSubmission(submission({ "06_applications.ts": src }), { publicCases, hidden: { seed: 4, count: 20 }, limits, only: "06" });
    t.is(full.score, full.max); // 20 hidden draws: none refused has probability 0.73^20 ≈ 0.2 %, and the seed is fixed
    t.is(r.score, full.score - points, JSON.stringify(r.exercises.map((e) => [e.name, e.public.output])));
  });
}
