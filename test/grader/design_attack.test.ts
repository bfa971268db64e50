// The design checks (itToStreet, offsetHead, positionHead) run in the grader's own process on whatever a
// submission returned: each attack class here is a correct submission with one hostile answer, graded by
// gradeSubmission with an exact score, and what the student reads is checked too (bounded, naming the problem).
import test from "ava";
import { Rng } from "../../lib/index.js";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { writeShort } from "../../grader/write_short.js";
import { checkItToStreet } from "../../grader/street_check.js";
import { HEAD_THRESHOLD, headTokens, headWeights } from "../../grader/head_check.js";
import * as s03 from "../../solutions/03_multi_head.js";
import { exercises } from "../../grader/exercises.js";
import { fixture, submission, type FixtureName } from "../../grader/hostile.js";
import { FULL, points } from "./points.js";

const publicCases = loadPublicCases();
const limits = { timeoutMs: 5000, memoryMb: 256 };
const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed || (e.hidden && !e.hidden.passed)).map((e) => `${e.name}: ${e.public.output}`).join("\n");
const output = (r: SubmissionResult, name: string) => r.exercises.find((e) => e.name === name)!.public.output;
const hostile = (name: FixtureName, edit = (s: string) => s) => submission(Object.fromEntries(Object.entries(fixture(name)).map(([f, s]) => [f, edit(s)])));
const grade = (dir: string, hidden?: { seed: number; count: number }) => gradeSubmission(dir, { publicCases, limits, hidden });
/** Feedback a student reads stays short whatever came back (the longest honest block is a few hundred characters). */
const SHORT = 1500;

const attacks: [string, FixtureName, string, RegExp][] = [
  ["a tie at the threshold (street and wide at 0.5 each) is not \"the largest weight\"", "streetTie", "itToStreet",
    /^case 1 of \d+: "it" gives "street" weight 0\.500 \(needs the largest weight and ≥ 0\.5\); "wide" \(key 11\) gets the same weight: a tie is not the largest\n/],
  ["a matrix of 10⁵ rows is refused by its shape before any arithmetic", "hugeRows", "itToStreet",
    /^case 1 of \d+: wq must have 6 rows \(one per feature\), got 100000 rows\n/],
  ["a claimed 10⁵ × 10⁵ Matrix (an object with rows, cols, data) is refused by its type", "claimedMatrix", "positionHead",
    /^case 1 of \d+: wq must have 11 rows \(dWord \+ dPos\), got \{ rows: 100000, cols: 100000, data: \[0\] \}\n/],
  ["entries whose products overflow are named as an overflow, not as a lib error about a matrix the student never made", "overflowHead", "offsetHead",
    /^case 1 of \d+: Q = x·W_Q, K = x·W_K or the scores Q·Kᵀ overflow to ±Infinity with word features #1: use smaller entries\n/],
  ["a 50 KB string in place of a number is quoted in 60 characters", "longString", "positionHead",
    /^case 1 of \d+: wq holds "x{58}… at \(0, 0\); every entry must be a finite number\n/],
  ["a head hidden behind an own __proto__ key is not found (no copy gives it a prototype)", "protoKey", "offsetHead",
    /^case 1 of \d+: wq must have 11 rows \(dWord \+ dPos\), got 1 rows\n/],
  ["a sparse row arrives as undefined entries and is refused; -0 entries are numbers like 0", "sparseAndNegZero", "positionHead",
    /^case 2 of \d+: wq holds undefined at \(1, 0\); every entry must be a finite number\n/],
];
for (const [title, name, exercise, message] of attacks) {
  test.serial(`${title}: scores exactly FULL − ${exercise}`, async (t) => {
    const r = await grade(hostile(name));
    t.regex(output(r, exercise), message);
    t.true(output(r, exercise).length < SHORT, `${output(r, exercise).length} characters of feedback`);
    t.is(r.score, FULL - points(exercise), failing(r));
  });
}

test.serial("a wrong row whose unchecked entries are arrays 2,000 deep and a 50 KB string: the feedback shows them cut: scores exactly FULL − softmax", async (t) => {
  // only the first wrong entry is compared; its neighbours are written out as they came (they were, in full)
  const r = await grade(hostile("deepInRow", (s) => s.replace("DEPTH", "2000")));
  t.regex(output(r, "softmax"), /^case 1 of \d+: at \(0, 0\): expected 0\.0900\d+, got 1\.09\d+ \(tolerance 1e-9 relative\)\n/);
  t.regex(output(r, "softmax"), /returned \[\s*1\.09\d+, \[\[\[\[\[…\]\]\]\]\], "x{22}…\]/);
  t.true(output(r, "softmax").length < SHORT, `${output(r, "softmax").length} characters of feedback`);
  t.is(r.score, FULL - points("softmax"), failing(r));
});

test.serial("a head whose keys read the word features a little passes the two random feature sets but not the set chosen against it: scores exactly FULL − offsetHead", async (t) => {
  // the attack: with α = 0.03 both random sets the check uses pass, yet other random features break the head
  const [n, dWord, dPos, off] = [9, 3, 8, 1], alpha = 0.03;
  const h = s03.offsetHead(n, dWord, dPos, off);
  const head = { wq: h.wq, wk: h.wk.map((r, i) => (i < dWord ? r.map((_, c) => alpha * ((i + c) % 3 - 1)) : r)) };
  const passes = (seed: number) => { const w = headWeights(headTokens(n, dWord, dPos, seed), head.wq, head.wk)!; return Array.from({ length: n - off }, (_, i) => w.get(i + off, i)).every((v) => v >= HEAD_THRESHOLD); };
  t.true(passes(1) && passes(2), "the random sets #1 and #2 alone would pass it");
  t.true(Array.from({ length: 300 }, (_, s) => passes(s + 3)).includes(false), "a wrong design: some other features break it");
  const r = await grade(hostile("readsWords", (s) => s.replace("ALPHA", String(alpha))));
  t.regex(output(r, "offsetHead"), /^case 1 of \d+: with word features #3 \(each ±2, chosen against your head\): query \d+ gives key \d+ \(the token at i − 1\) weight [\d.e-]+ \(needs ≥ 0\.9\)/);
  t.is(r.score, FULL - points("offsetHead"), failing(r));
});

test.serial("results are capped at 512 KB per exercise before the grader decodes them: 700,000 empty arrays (2 MB of JSON, ~40 MB decoded) score exactly FULL − positionHead", async (t) => {
  const r = await grade(hostile("emptyArrays"));
  t.is(output(r, "positionHead"), "wrote more than 512 KB of results while running positionHead");
  t.is(r.score, FULL - points("positionHead"), failing(r));
});

test.serial("different answers for public and hidden cases: a head right only on the public arguments earns the public half: scores exactly FULL − offsetHead / 2", async (t) => {
  const pub = JSON.stringify(publicCases.cases["03_multi_head.ts#offsetHead"].map((c) => c.args));
  const r = await grade(hostile("publicOnly", (s) => s.replace("PUBLIC", pub)), { seed: 11, count: 3 });
  const e = r.exercises.find((x) => x.name === "offsetHead")!;
  t.true(e.public.passed, e.public.output);
  t.regex(e.hidden!.output, /^case \d of 3: with word features #1: query \d+ gives key \d+ \(the token at i [−+] \d\) weight [\d.]+ \(needs ≥ 0\.9\); it is the row's largest weight, but not by enough/);
  t.is(r.score, FULL - points("offsetHead") / 2, failing(r));
});

test("writeShort: the doc examples hold, and any value is read only as far as it is written", (t) => {
  t.is(writeShort([[1, 2], true]), "[[1, 2], true]");
  t.is(writeShort("x".repeat(100), 10), '"xxxxxxxx…');
  t.is(writeShort({}), "{}");
  t.is(writeShort({ a: 1 / 3, b: [NaN, -0, undefined] }), "{ a: 0.333333, b: [NaN, 0, undefined] }");
  let deep: unknown = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep]; // deeper than any stack: a recursive writer would throw
  t.is(writeShort(deep), "[[[[[…]]]]]");
  const wide = new Array(10_000_000).fill(0.5); // 10⁷ entries, ~50 written
  t.is(writeShort(wide).length, 60);
  const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  t.regex(writeShort(manyKeys), /^\{ k0: 0, k1: 1, .*…$/);
  t.is(writeShort({ "a\n✓ all cases pass": 1 }), '{ "a\\n✓ all cases pass": 1 }', "a key cannot start a feedback line of its own");
});

test("scores near ±1.8e308, whose differences overflow inside the check's own softmax, are weighed, not NaN", (t) => {
  // "it" asks for place − function: street scores +1.44e308, "the" −1.44e308, so max − score is −Infinity for
  // "the" (weight 0) and a naive e^score is Infinity (NaN weights); the check must give street 1 and pass
  const wq = [[0], [0], [0], [0], [1.2e154], [0]], wk = [[0], [1.2e154], [0], [-1.2e154], [0], [0]];
  t.is(checkItToStreet([], { wq, wk }), null);
  const ex = exercises.find((e) => e.name === "itToStreet")!;
  t.is(ex.check!([], { wq: wq.map((r) => [r[0] * 10]), wk }), "Q = x·W_Q, K = x·W_K or the scores Q·Kᵀ overflow to ±Infinity: use smaller entries");
});

test("the feature search starts from several corners: a head one greedy start let through is caught", (t) => {
  // found by drawing 300 heads whose keys read the word features at random (α = 0.03): this one kept ≥ 0.9 from
  // the checkerboard start, yet random features #202 give it 0.57
  const [n, dWord, dPos, off] = [9, 3, 8, 1], rng = new Rng(42);
  let head = s03.offsetHead(n, dWord, dPos, off);
  for (let trial = 0; trial <= 267; trial++) {
    head = s03.offsetHead(n, dWord, dPos, off);
    const side = trial % 2 ? "wk" : "wq", alpha = [0.005, 0.01, 0.02, 0.03][trial % 4];
    for (let w = 0; w < dWord; w++) head[side][w] = head[side][w].map(() => alpha * rng.uniform(-1, 1) * (side === "wq" ? 1000 : 1));
  }
  const w = headWeights(headTokens(n, dWord, dPos, 202), head.wq, head.wk)!;
  t.true(Math.min(...Array.from({ length: n - off }, (_, i) => w.get(i + off, i))) < HEAD_THRESHOLD, "a wrong design");
  const ex = exercises.find((e) => e.name === "offsetHead")!;
  t.regex(ex.check!([n, dWord, dPos, off], head) ?? "passed", /^with word features #3 \(each ±2, chosen against your head\)/);
});
