// Design exercises (03 offsetHead, positionHead) are graded by a property check, not by the reference's output:
// any head that has the property passes, a head that misses it fails with a message naming the query, and
// whatever a submission returns, the check answers with text instead of throwing.
import test from "ava";
import { Rng } from "../../lib/index.js";
import { exercises, type Exercise } from "../../grader/exercises.js";
import { drawCases } from "../../grader/reference.js";
import { judge } from "../../grader/feedback.js";
import { generatePublicCases } from "../../grader/generate.js";
import { HEAD_THRESHOLD, MAX_DK } from "../../grader/spec/head_check.js";
import * as s03 from "../../solutions/03_multi_head.js";

type Head = { wq: number[][]; wk: number[][] };
const ex = (name: string) => exercises.find((e) => e.name === name)!;
const offset = ex("offsetHead"), position = ex("positionHead");
const scaleQ = (h: Head, c: number): Head => ({ wq: h.wq.map((r) => r.map((v) => v * c)), wk: h.wk });

test("the reference passes its own check on the public cases and 300 drawn ones", (t) => {
  for (const e of [offset, position]) {
    const f = s03[e.name as "offsetHead" | "positionHead"];
    for (const args of drawCases(e, new Rng(99), 300, true)) {
      t.is(e.check!(args, f(...(args as [number, number, number, number]))), null, `${e.name}(${args.join(", ")})`);
    }
  }
});

test("a right head that is not the reference's passes: the check grades the property, not the output", (t) => {
  // twice the scale and a wider dK (a zero column added) are other right answers
  const ref = s03.offsetHead(9, 3, 8, 1);
  const other = scaleQ(ref, 2);
  const wider = { wq: ref.wq.map((r) => [...r, 0]), wk: ref.wk.map((r) => [...r, 5]) };
  for (const v of [other, wider]) {
    t.is(offset.check!([9, 3, 8, 1], v), null);
    const verdict = judge(offset, [{ args: [9, 3, 8, 1], expected: ref }], [{ ok: true, value: v }]);
    t.is(verdict.status, "done", verdict.output);
  }
  t.is(judge({ ...offset, check: undefined }, [{ args: [9, 3, 8, 1], expected: ref }], [{ ok: true, value: other }]).status, "needs work",
    "an exact-output comparison would have failed it");
});

/** A design of a student's own: Q is PE_i turned *back* by `offset` (rows of PE only), K = PE_j, c = 500. */
function turnQueryBack(dWord: number, dPos: number, offset: number): Head {
  const zero = () => Array.from({ length: dWord + dPos }, () => new Array<number>(dPos).fill(0));
  const wq = zero(), wk = zero();
  for (let k = 0; 2 * k < dPos; k++) {
    const a = -offset / Math.pow(10000, (2 * k) / dPos), [s, c] = [dWord + 2 * k, dWord + 2 * k + 1];
    [wq[s][2 * k], wq[s][2 * k + 1], wq[c][2 * k], wq[c][2 * k + 1]] = [500 * Math.cos(a), -500 * Math.sin(a), 500 * Math.sin(a), 500 * Math.cos(a)];
    wk[s][2 * k] = 1; wk[c][2 * k + 1] = 1;
  }
  return { wq, wk };
}

test("a design other than the reference's (Q turned back instead of K turned forward) passes every case", (t) => {
  for (const args of drawCases(offset, new Rng(7), 100, true)) {
    const [n, dWord, dPos, off] = args as number[];
    t.is(offset.check!(args, turnQueryBack(dWord, dPos, off)), null, `offsetHead(${args.join(", ")})`);
    // one step too far fails (unless a single query has a key, which may then land on it by luck)
    if (n - Math.abs(off) >= 2) t.not(offset.check!(args, turnQueryBack(dWord, dPos, off + 1)), null, `one step too far: ${args.join(", ")}`);
  }
});

test("heads that miss the property fail, naming the query, its key and its weight", (t) => {
  const prev = s03.offsetHead(9, 3, 8, 1);
  t.regex(offset.check!([9, 3, 8, -1], prev)!, /^with word features #1: query 0 gives key 1 \(the token at i \+ 1\) weight [\d.e-]+ \(needs ≥ 0\.9\); its largest weight, [\d.]+, is on key \d$/);
  // unscaled: the right key wins, but not by enough
  const soft = offset.check!([9, 3, 8, 1], scaleQ(prev, 1 / 1000));
  t.truthy(soft);
  t.regex(soft!, new RegExp(`\\(the token at i − 1\\) weight 0\\.\\d+ \\(needs ≥ ${HEAD_THRESHOLD}\\); it is the row's largest weight, but not by enough`));
  // a first-token head is not a last-token head
  t.regex(position.check!([9, 3, 8, 8], s03.positionHead(9, 3, 8, 0))!, /query 0 gives key 8 \(position 8\)/);
  // a head that reads the word features: right for one set of features at most
  const reads = s03.positionHead(9, 3, 8, 0);
  reads.wk[0] = reads.wk[0].map(() => 3);
  t.regex(position.check!([9, 3, 8, 0], reads)!, /with word features #[12]: query \d gives key 0/);
});

test("whatever a submission returns, the check answers with text and never throws", (t) => {
  const ok = s03.offsetHead(5, 1, 6, 1);
  const bad: [unknown, RegExp][] = [
    [undefined, /expected an object \{ wq, wk \}/], [[1, 2], /got an array/], [{ wq: ok.wq }, /wk must have 7 rows/],
    [{ ...ok, wq: ok.wq.slice(1) }, /wq must have 7 rows \(dWord \+ dPos\), got 6/],
    [{ ...ok, wq: ok.wq.map(() => new Array(MAX_DK + 1).fill(0)) }, /between 1 and 64 columns/],
    [{ ...ok, wq: ok.wq.map((r, i) => (i === 2 ? r.slice(1) : r)) }, /ragged: row 2/],
    [{ ...ok, wq: ok.wq.map((r, i) => (i === 3 ? r.map(() => NaN) : r)) }, /holds NaN at \(3, 0\)/],
    [{ ...ok, wq: ok.wq.map((r) => r.map(() => "1")) }, /holds "1" at \(0, 0\)/],
    [{ ...ok, wk: ok.wk.map((r) => r.slice(1)) }, /wq has 6 columns and wk 5/],
    // wrong types are named briefly, whatever their size (the value is the submission's)
    [{ ...ok, wq: ok.wq.map((r) => r.map(() => true)) }, /^wq holds true at \(0, 0\); every entry must be a finite number$/],
    [{ ...ok, wq: { rows: 7, cols: 6, data: new Array(42).fill(0) } }, /^wq must have 7 rows \(dWord \+ dPos\), got \{ rows: 7, cols: 6, data: \[0, 0, .*…$/],
    ["x".repeat(1_000_000), /^expected an object \{ wq, wk \}, got "x{58}…$/],
    [{ ...ok, wq: ok.wq.map((r, i) => (i === 0 ? [...r.slice(0, 5), [[["deep"]]]] : r)) }, /^wq holds \[\[\["deep"\]\]\] at \(0, 5\)/],
    [{ wq: ok.wq.map((r) => r.map(() => 1e200)), wk: ok.wk.map((r) => r.map(() => 1e200)) }, /overflow to ±Infinity/],
  ];
  for (const [v, re] of bad) t.regex(offset.check!([5, 1, 6, 1], v) ?? "passed", re);
  // the grader catches a check that throws all the same
  const throwing: Exercise = { ...offset, check: () => { throw new Error("boom"); } };
  t.regex(judge(throwing, [{ args: [5, 1, 6, 1], expected: null }], [{ ok: true, value: ok }]).output, /could not be checked: boom/);
});

test("public cases of a design exercise carry no reference answer", (t) => {
  const cases = JSON.parse(generatePublicCases()).cases as Record<string, { expected: unknown }[]>;
  for (const e of [offset, position]) {
    const list = cases[`${e.file}#${e.name}`];
    t.true(list.length >= 4);
    t.true(list.every((c) => c.expected === null), e.name);
  }
  t.true(cases["03_multi_head.ts#positionalEncoding"].every((c) => Array.isArray(c.expected)));
});
