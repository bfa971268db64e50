// The predict-then-run exercise of lesson 02: predictShifts agrees with an independent computation (lib's
// scaledDotProductAttention, the factor moved into the keys), answers −1 where nothing grows, and the two
// predictions a student is likely to make instead (the lowest key gains most when flattening; the top key always)
// each lose exactly its points.
import test from "ava";
import { Rng, scaledDotProductAttention } from "../../lib/index.js";
import { exercises } from "../../grader/exercises.js";
import { declarationOf, drawCases, expectedFor } from "../../grader/reference.js";
import { exerciseSeed, loadPublicCases } from "../../grader/cases.js";
import { judge } from "../../grader/feedback.js";
import * as s02 from "../../solutions/02_self_attention.js";
import { gradeWithBody } from "./grading.js";

const ex = exercises.find((e) => e.name === "predictShifts")!;
type Args = [number[], number[][], number];

/** The growth of each key's weight: softmax(q·(factor·k)ᵀ/√dK) − softmax(q·kᵀ/√dK), by lib's attention. */
const growth = ([q, k, factor]: Args) => {
  const w = (keys: number[][]) => scaledDotProductAttention([q], keys, keys).weights.row(0);
  const after = w(k.map((row) => row.map((v) => factor * v))), before = w(k);
  return after.map((a, j) => a - before[j]);
};

test("predictShifts is the key of largest growth (lib's attention) on 200 drawn cases, and the top-scoring key when sharpening", (t) => {
  let flattenedNotLowest = 0, minusOne = 0;
  for (const args of drawCases(ex, new Rng(21), 200, false) as Args[]) {
    const g = growth(args), most = Math.max(...g), got = s02.predictShifts(...args);
    if (most <= 1e-9) { t.is(got, -1); minusOne++; continue; }
    t.is(got, g.indexOf(most), JSON.stringify(args));
    const scores = args[1].map((row) => row.reduce((s, v, i) => s + v * args[0][i], 0));
    if (args[2] > 1) t.is(got, scores.indexOf(Math.max(...scores)), "sharpening feeds the top key");
    if (args[2] < 1 && got !== scores.indexOf(Math.min(...scores))) flattenedNotLowest++;
  }
  t.true(flattenedNotLowest >= 20, `the draws make the lowest-key guess wrong often: ${flattenedNotLowest}`);
  t.true(minusOne >= 5, `the draws include −1 (factor 1): ${minusOne}`);
});

test("the guess 'top key when sharpening, lowest when flattening' passes all 5 hidden cases of few seeds (with the public answers copied, that was full marks)", (t) => {
  // it passed 36 of these 200 seeds (a fresh seed each submission on Gradescope) when factors were drawn evenly
  // and the lowest key won 2 flattenings in 5
  let passed = 0, right = 0, cases = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const args = drawCases(ex, new Rng(exerciseSeed(seed, ex)), 5, false) as Args[], expected = expectedFor(ex, args);
    const ok = args.map(([q, k, factor], i) => {
      const s = k.map((row) => row.reduce((a, v, c) => a + v * q[c], 0));
      return (factor === 1 ? -1 : s.indexOf(factor > 1 ? Math.max(...s) : Math.min(...s))) === expected[i];
    });
    if (ok.every(Boolean)) passed++;
    right += ok.filter(Boolean).length; cases += ok.length;
  }
  t.true(passed <= 3, `passes all hidden cases of ${passed} seeds in 200`);
  t.true(right / cases < 0.45, `right on ${right} of ${cases} cases`);
});

test("the edge cases: the notebook's (a middle key wins when halving), sharpening, a tie, and −1 three ways", (t) => {
  const edge = declarationOf(ex).edge as Args[];
  t.deepEqual(edge.map((a) => s02.predictShifts(...a)), [1, 0, 0, -1, -1, -1]);
  t.deepEqual(edge[0], [[1, 1], [[3, 1], [1, 1], [-1, -1], [-3, -3]], 0.5]); // notebook 02's cell asserts key 1 for it
  const g = growth(edge[0]);
  t.true(g[1] > g[3] && g[3] > 0, "the lowest key grows, but the runner-up grows more");
  t.is(growth(edge[2])[0], growth(edge[2])[1], "a tie: the first index");
});

test("an answer that never says −1 is told so on the public cases", (t) => {
  const cases = (loadPublicCases().cases["02_self_attention.ts#predictShifts"] ?? []) as { args: unknown[]; expected: unknown }[];
  t.true(cases.some((c) => c.expected === -1));
  const neverMinusOne = cases.map((c) => ({ ok: true as const, value: c.expected === -1 ? 0 : c.expected }));
  t.regex(judge(ex, cases, neverMinusOne).output, /expected -1, got 0/);
});

const wrong: [string, string][] = [
  ["the lowest-scoring key gains most when flattening, the top key when sharpening",
    "  const s = k.map((row) => row.reduce((a, v, i) => a + v * q[i], 0));\n  if (factor === 1 || s.every((v) => v === s[0])) return -1;\n  return s.indexOf(factor > 1 ? Math.max(...s) : Math.min(...s));"],
  ["the top-scoring key always gains most", "  const s = k.map((row) => row.reduce((a, v, i) => a + v * q[i], 0));\n  if (factor === 1 || s.every((v) => v === s[0])) return -1;\n  return s.indexOf(Math.max(...s));"],
];
for (const [what, body] of wrong) {
  test.serial(`${what}: loses exactly 2 points, public and hidden`, async (t) => {
    const { full, replaced: r } = await gradeWithBody("02_self_attention.ts", "predictShifts", body, { seed: 4, count: 20 });
    t.is(full.score, full.max);
    t.is(r.score, full.score - 2, JSON.stringify(r.exercises.filter((e) => !e.public.passed || !e.hidden?.passed).map((e) => e.name)));
  });
}
