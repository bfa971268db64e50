// The debug exercise of lesson 02: the fix agrees with scaledDotProductAttention's weights, and the given bug
// (masking after the softmax) loses exactly its points.
import test from "ava";
import { Rng } from "../../lib/index.js";
import { exercises } from "../../grader/exercises.js";
import { drawCases } from "../../grader/reference.js";
import * as s02 from "../../solutions/02_self_attention.js";
import { gradeWithBody } from "./grading.js";

const ex = exercises.find((e) => e.name === "fixMaskedWeights")!;

test("fixMaskedWeights equals scaledDotProductAttention's weights (q = scores, k = I·√nK) on 40 drawn cases", (t) => {
  for (const [scores, mask] of drawCases(ex, new Rng(8), 40, true) as [number[][], boolean[][]][]) {
    const nK = scores[0].length, k = Array.from({ length: nK }, (_, i) => Array.from({ length: nK }, (_, j) => (i === j ? Math.sqrt(nK) : 0)));
    const { weights } = s02.scaledDotProductAttention(scores, k, k, mask); // q·kᵀ/√nK = scores
    const got = s02.fixMaskedWeights(scores, mask);
    t.true(got.every((row, i) => row.every((v, j) => Math.abs(v - weights[i][j]) < 1e-12)));
  }
});

test.serial("the given bug (mask after the softmax) loses exactly 2 points, public and hidden", async (t) => {
  const bug = "  return scores.map((row, i) => { const e = row.map(Math.exp), s = e.reduce((a, b) => a + b, 0); return e.map((x, j) => (mask[i][j] ? x / s : 0)); });";
  const { full, replaced: r } = await gradeWithBody("02_self_attention.ts", "fixMaskedWeights", bug);
  t.is(full.score, full.max);
  t.is(r.score, full.score - 2);
});
