// 02's design exercises: itToStreet is graded by its property (any head that sends "it" to "street" passes),
// packedCausalMask by the unique mask; the sentence the check uses is notebook 02's.
import test from "ava";
import { readFileSync } from "node:fs";
import path from "node:path";
import { exercises } from "../../grader/exercises.js";
import { judge } from "../../grader/feedback.js";
import { checkItToStreet, itWeights, STREET_THRESHOLD, WIDE_LEXICON, WIDE_SENTENCE } from "../../grader/spec/street_check.js";
import * as s02 from "../../solutions/02_self_attention.js";

const root = path.resolve(import.meta.dirname, "../..");
const eye = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
const ex = exercises.find((e) => e.name === "itToStreet")!;

test("the reference head passes, and so do other right heads (scaled, one column wide)", (t) => {
  const ref = s02.itToStreet();
  t.is(checkItToStreet([], ref), null);
  const w = itWeights(ref.wq, ref.wk)!;
  t.true(w[WIDE_SENTENCE.split(" ").indexOf("street")] >= STREET_THRESHOLD);
  // dK = 1: the query of "it" is 1, the key of a word is its place feature times 20
  const narrow = { wq: [[0], [0], [0], [0], [1], [0]], wk: [[0], [20], [0], [0], [0], [0]] };
  t.is(checkItToStreet([], narrow), null);
  const verdict = judge(ex, [{ args: [], expected: null }], [{ ok: true, value: narrow }]);
  t.is(verdict.status, "done", verdict.output);
});

test("the notebook's hand-set head (pronoun → animate) fails, naming where the weight went", (t) => {
  const wq = eye(6);
  wq[4][0] = 8;
  t.regex(checkItToStreet([], { wq, wk: eye(6) })!, /^"it" gives "street" weight 0\.\d+ \(needs the largest weight and ≥ 0\.5\); its largest weight, 0\.\d+, is on "animal" \(key 1\)$/);
  // right direction, too weak: street wins but with less than 0.5
  const weak = eye(6);
  weak[4][1] = 3;
  t.regex(checkItToStreet([], { wq: weak, wk: eye(6) })!, /weight 0\.[0-4]\d* \(needs/);
});

test("whatever comes back, the check answers with text and never throws", (t) => {
  const ok = s02.itToStreet();
  const bad: [unknown, RegExp][] = [
    [undefined, /expected an object \{ wq, wk \}/], [[1], /got an array/], [{ wq: ok.wq }, /wk must have 6 rows/],
    [{ ...ok, wq: ok.wq.slice(1) }, /wq must have 6 rows/], [{ ...ok, wk: ok.wk.map(() => []) }, /between 1 and 64 columns/],
    [{ ...ok, wk: ok.wk.map((r, i) => (i === 2 ? [1] : r)) }, /ragged: row 2/], [{ ...ok, wq: ok.wq.map((r) => r.map(() => NaN)) }, /holds NaN at \(0, 0\)/],
    [{ wq: ok.wq.map((r) => [...r, 0]), wk: ok.wk }, /wq has 7 columns and wk 6/], [{ wq: ok.wq.map((r) => r.map((v) => v * 1e300)), wk: ok.wk.map((r) => r.map((v) => v * 1e300)) }, /overflow/],
  ];
  for (const [value, message] of bad) t.regex(checkItToStreet([], value) ?? "passed", message);
});

test("the check's sentence and features are notebook 02's", (t) => {
  const nb = JSON.parse(readFileSync(path.join(root, "notebooks", "02-self-attention.ipynb"), "utf8")) as { cells: { source: string[] | string }[] };
  const text = nb.cells.map((c) => [c.source].flat().join("")).join("\n");
  t.true(text.includes(`"${WIDE_SENTENCE}"`), "the sentence");
  // every word's features as the notebook writes them in its lexicons
  for (const [word, f] of Object.entries(WIDE_LEXICON)) t.true(text.includes(`${word}: [${f.join(", ")}]`), `${word}: [${f.join(", ")}]`);
});

test("packedCausalMask: the reference gives the stated pattern", (t) => {
  t.deepEqual(s02.packedCausalMask([2, 1]), [[true, false, false], [true, true, false], [false, false, true]]);
  const m = s02.packedCausalMask([3, 2, 4]);
  const sentence = [0, 0, 0, 1, 1, 2, 2, 2, 2];
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) t.is(m[i][j], sentence[i] === sentence[j] && j <= i, `(${i}, ${j})`);
});
