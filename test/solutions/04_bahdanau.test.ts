// The debug and interpretation exercises of lesson 04: fixAnnotations against annotations built by definition
// (a backward GRU run afresh from each position), uniformAttention against the model's own translate and a
// text-by-text uniform run; the figures the notebook states; each typical wrong answer is caught.
import test from "ava";
import { readFileSync } from "node:fs";
import { Rng, Seq2Seq, translateWithAttention } from "../../lib/index.js";
import { accuracy as exactMatch } from "../../lib/seq2seq/train.js";
import { datePairs, FORMATS } from "../../lib/seq2seq/dates.js";
import { exercises, type Exercise } from "../../grader/exercises.js";
import { drawCases, expectedFor } from "../../grader/reference.js";
import { compare } from "../../grader/compare.js";
import { exerciseSeed, loadPublicCases } from "../../grader/cases.js";
import { gradeSubmission } from "../../grader/grade.js";
import { finished, replaceBody, submission } from "../../grader/hostile.js";
import { gruParams, int, mat } from "../../grader/spec/draw.js";
import { type F, mutantTest } from "./grading.js";
import * as s04 from "../../solutions/04_bahdanau.js";

const ex = (name: string) => exercises.find((e) => e.file === "04_bahdanau.ts" && e.name === name)!;
const drawn = (e: Exercise, seed: number, count = 40) => drawCases(e, new Rng(seed), count, true);
type Pairs = s04.DatePair[];

test("4.5 fixAnnotations: h_j = [forward state after x_j ; a backward GRU run afresh from x_(n−1) down to x_j], bit for bit", (t) => {
  const r = new Rng(45);
  for (let trial = 0; trial < 30; trial++) {
    const n = int(r, 1, 7), dIn = int(r, 1, 3), d = int(r, 1, 4), x = mat(r, n, dIn), pf = gruParams(r, dIn, d), pb = gruParams(r, dIn, d);
    const zero = new Array(d).fill(0);
    const forward: number[][] = [], backward: number[][] = []; // as the colleague's encoder keeps them
    x.reduce((h, xt) => { const s = s04.gruStep(xt, h, pf); forward.push(s); return s; }, zero);
    [...x].reverse().reduce((h, xt) => { const s = s04.gruStep(xt, h, pb); backward.push(s); return s; }, zero);
    const byDefinition = x.map((_, j) => [...forward[j], ...x.slice(j).reverse().reduce((h, xt) => s04.gruStep(xt, h, pb), zero)]);
    t.deepEqual(s04.fixAnnotations(forward, backward), byDefinition);
  }
});

// the shipped translators and the notebook's 900 unseen dates (too big for the grader's sandbox: the notebook
// runs a student's answer on them); the independent check below uses every fifth date
const shipped = ["date_translator.json", "date_translator_luong.json"].map((f) =>
  JSON.parse(readFileSync(new URL(`../../notebooks/data/${f}`, import.meta.url), "utf8")) as s04.SavedTranslator);
const same900: Pairs = FORMATS.flatMap((_, f) => datePairs(100, { seed: 77 }, f)).map(({ human, iso }) => ({ human, iso }));
const [bahdanauCase, luongCase] = shipped.map((m): [s04.SavedTranslator, Pairs] => [m, same900.filter((_, i) => i % 5 === 0)]);

test("4.6 uniformAttention: trained = lib's exact-match accuracy, uniform = each text translated alone with weights 1/n (public, drawn, shipped models)", (t) => {
  const cases = [bahdanauCase, luongCase, ...(drawn(ex("uniformAttention"), 46, 30) as [s04.SavedTranslator, Pairs][])];
  const shares = new Set<string>();
  for (const [saved, pairs] of cases) {
    const m = Seq2Seq.fromJSON(structuredClone(saved)), n = pairs.length;
    const alone = pairs.filter((p) => translateWithAttention(m, [p.human], (w) => new Array(w.length).fill(1 / w.length))[0].iso === p.iso).length;
    const got = s04.uniformAttention(saved, pairs);
    t.is(got.trained, exactMatch(m, pairs.map((p) => ({ ...p, format: 0 })))); // format: unused by accuracy
    t.is(got.uniform, alone / n);
    shares.add(`${got.trained} ${got.uniform}`);
  }
  t.true(shares.size >= 10, "the drawn cases give many different pairs of shares");
  const [own, flat] = drawCases(ex("uniformAttention"), new Rng(1), 0, true).map((args) => s04.uniformAttention(...(args as [s04.SavedTranslator, Pairs])));
  t.is(own.trained, 1, "the first public case's isos are the model's own translations");
  t.is(flat.uniform, 1, "the second's are its translations with uniform weights");
});

test("4.6 on the shipped translators and the notebook's 900 dates (its figures): ≥ 99 % with their own weights, none with uniform ones", (t) => {
  for (const saved of shipped) {
    const { trained, uniform } = s04.uniformAttention(saved, same900);
    t.true(trained >= 0.99, `${saved.config.kind}: ${trained}`);
    t.is(uniform, 0, saved.config.kind);
  }
});

const flatShare = (saved: s04.SavedTranslator, pairs: Pairs, attend?: (w: number[]) => number[]) =>
  translateWithAttention(saved, pairs.map((p) => p.human), attend).filter((o, i) => o.iso === pairs[i].iso).length;
const mutants: [string, string, F][] = [
  ["fixAnnotations", "the given code: backward[j] beside forward[j]", (f: number[][], b: number[][]) => f.map((r, j) => [...r, ...b[j]])],
  ["fixAnnotations", "[backward ; forward]", (f: number[][], b: number[][]) => f.map((r, j) => [...b[f.length - 1 - j], ...r])],
  ["fixAnnotations", "both lists reversed", (f: number[][], b: number[][]) => f.map((_, j) => [...f[f.length - 1 - j], ...b[j]])],
  ["uniformAttention", "the shares swapped", (m: s04.SavedTranslator, p: Pairs) => ({ trained: flatShare(m, p, (w) => w.map(() => 1 / w.length)) / p.length, uniform: flatShare(m, p) / p.length })],
  ["uniformAttention", "attend ignored: the model's own weights twice", (m: s04.SavedTranslator, p: Pairs) => ({ trained: flatShare(m, p) / p.length, uniform: flatShare(m, p) / p.length })],
  ["uniformAttention", "counts, not shares", (m: s04.SavedTranslator, p: Pairs) => ({ trained: flatShare(m, p), uniform: flatShare(m, p, (w) => w.map(() => 1 / w.length)) })],
  ["uniformAttention", "zero weights (no context) instead of uniform ones", (m: s04.SavedTranslator, p: Pairs) => ({ trained: flatShare(m, p) / p.length, uniform: flatShare(m, p, (w) => w.map(() => 0)) / p.length })],
  ["uniformAttention", "hard attention (one-hot on the largest weight) instead of uniform", (m: s04.SavedTranslator, p: Pairs) =>
    ({ trained: flatShare(m, p) / p.length, uniform: flatShare(m, p, (w) => w.map((v) => (v === Math.max(...w) ? 1 : 0))) / p.length })],
];

for (const [name, what, f] of mutants) mutantTest(4, ex(name), what, f, s04[name as keyof typeof s04] as F);

test.serial("the given bug loses exactly fixAnnotations' 2 points, and shares fixed at the shipped models' figures (1 and 0) lose uniformAttention's 2, within the grader's limits", async (t) => {
  const opts = { publicCases: loadPublicCases(), hidden: { seed: 4, count: 5 }, limits: { timeoutMs: 3000, memoryMb: 128 }, only: "04" };
  const full = await gradeSubmission(submission(), opts);
  const file = finished("04_bahdanau.ts");
  const bug = replaceBody(file, "fixAnnotations", "  return forward.map((f, j) => [...f, ...backward[j]]);");
  const fixed = replaceBody(file, "uniformAttention", "  return { trained: pairs.length > 0 ? 1 : 0, uniform: 0 }; // the shipped models' figures");
  const [r1, r2] = [await gradeSubmission(submission({ "04_bahdanau.ts": bug }), opts), await gradeSubmission(submission({ "04_bahdanau.ts": fixed }), opts)];
  t.true(full.exercises.every((e) => e.public.passed && e.hidden?.passed), JSON.stringify(full).slice(0, 2000));
  t.is(r1.score, full.score - 2);
  t.is(r2.score, full.score - 2);
});

test("4.6: uniform weights that do not sum to 1 (1/(n+1), 1/longest text, 0.9/n) pass all 5 hidden cases of no seed in 100", (t) => {
  // before the draw kept only cases that tell them apart, 1/(n+1) passed 11 seeds in 200 (a fresh seed each
  // Gradescope submission: a lottery with the public answers copied)
  const e = ex("uniformAttention"), T = (p: Pairs) => Math.max(...p.map((x) => x.human.length));
  const nearMisses: [string, (p: Pairs) => (w: number[]) => number[]][] = [
    ["1/(n+1)", () => (w) => w.map(() => 1 / (w.length + 1))], ["1/longest", (p) => (w) => w.map(() => 1 / T(p))], ["0.9/n", () => (w) => w.map(() => 0.9 / w.length)]];
  const passed = Object.fromEntries(nearMisses.map(([name]) => [name, 0]));
  for (let seed = 1; seed <= 100; seed++) {
    const args = drawCases(e, new Rng(exerciseSeed(seed, e)), 5, false) as [s04.SavedTranslator, Pairs][], expected = expectedFor(e, args);
    for (const [name, attend] of nearMisses) {
      const answer = ([m, p]: [s04.SavedTranslator, Pairs]) => ({ trained: flatShare(m, p) / p.length, uniform: flatShare(m, p, attend(p)) / p.length });
      if (args.every((a, i) => compare(expected[i], answer(structuredClone(a))) === null)) passed[name]++;
    }
  }
  t.deepEqual(passed, Object.fromEntries(nearMisses.map(([name]) => [name, 0])));
});
