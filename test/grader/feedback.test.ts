// What a student reads when an exercise is wrong, unfinished or graded alone: inputs, expected and returned
// rows, a hint that names a real notebook section, "not started" for stubs, and the same text everywhere.
import test from "ava";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { gradeSubmission } from "../../grader/grade.js";
import { loadPublicCases, caseKey } from "../../grader/cases.js";
import { consoleReport, gradescopeResults } from "../../grader/report.js";
import { inlineReport } from "../../grader/inline.js";
import { judge, progressLine } from "../../grader/feedback.js";
import { hints, hintFor } from "../../grader/hints.js";
import { formatNumber, writeInputs, writeValue, FULL_INPUT_NUMBERS } from "../../grader/values.js";
import { lessonFile } from "../../grader/lesson_file.js";
import { exercises, exerciseFiles } from "../../grader/exercises.js";
import * as stubs01 from "../../exercises/01_similarity.js";
import * as solutions03 from "../../solutions/03_multi_head.js";
import { writeFinished } from "../../grader/generate.js";
import { finished, replaceBody } from "../../grader/hostile.js";
import { filePoints, points } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");
/** The lessons `--only` accepts, as its error lists them: "01 (01_similarity.ts), 02 (…), …". */
const CHOICES = exerciseFiles.map((f) => `${f.slice(0, 2)} (${f})`).join(", ");
const publicCases = loadPublicCases();
const limits = { timeoutMs: 3000, memoryMb: 128 };

/** A submission folder: the solutions with `replace` files swapped in. */
function submission(replace: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-feedback-"));
  writeFinished(root, dir, exerciseFiles);
  for (const [file, text] of Object.entries(replace)) writeFileSync(path.join(dir, file), text);
  return dir;
}
const softmaxBody = (body: string) => ({ "01_similarity.ts": replaceBody(finished("01_similarity.ts"), "softmax", body) });
/** Divides by the row sum without exponentiating: wrong values, finite. */
const noExp = softmaxBody("  return x.map((row) => row.map((v) => v / row.reduce((s, w) => s + w, 0)));");
/** Exponentiates without subtracting the row maximum: right on small inputs, NaN on ±1e4. */
const noMax = softmaxBody("  return x.map((row) => { const e = row.map(Math.exp); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); });");

const WRONG_SOFTMAX = [
  "case 1 of 6: at (0, 0): expected 0.09003057317038046, got 0.16666666666666666 (tolerance 1e-9 relative)",
  "  x = [[1, 2, 3]]",
  "  row 0  expected [0.0900306, 0.244728, 0.665241]",
  "         returned [ 0.166667, 0.333333,      0.5]",
  "  hint: each row on its own: e^x divided by the sum of that row's e^x, so every row sums to 1 → notebook 01, \"From scores to weights: softmax\"",
].join("\n");
const OVERFLOW_SOFTMAX = [
  "case 2 of 6: returned NaN at (0, 0)",
  "  x = [[10000, -10000], [10000, 10000]]",
  "  row 0  expected [  1, 0]",
  "         returned [NaN, 0]",
  "  hint: large inputs overflow `exp` (e^1000 = Infinity, and Infinity / Infinity = NaN): subtract the row maximum first → notebook 01, \"From scores to weights: softmax\"",
].join("\n");

test.serial("a wrong softmax shows its input array, the expected and returned rows side by side, and the hint", async (t) => {
  const r = await gradeSubmission(submission(noExp), { publicCases, limits, only: "01" });
  const softmax = r.exercises.find((e) => e.name === "softmax")!;
  t.is(softmax.public.output, WRONG_SOFTMAX);
  t.is(r.score, filePoints("01_similarity.ts") - points("softmax"));
});

test.serial("an overflowing softmax (NaN) gets the overflow hint, not the generic one", async (t) => {
  const r = await gradeSubmission(submission(noMax), { publicCases, limits, only: "01_similarity.ts" });
  t.is(r.exercises.find((e) => e.name === "softmax")!.public.output, OVERFLOW_SOFTMAX);
});

test("large inputs are summarized by shape and first entries; small ones are written out", (t) => {
  // fixed inputs of multiHeadAttention's kind (not the public cases, which move when exercises are added)
  const m = (r: number, c: number, k: number) => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => Math.sin(k * (i * c + j) + 1)));
  const big = [m(4, 6, 0.5), { numHeads: 3, wq: m(6, 6, -1), wk: m(6, 6, 0.25), wv: m(6, 6, 2), wo: m(6, 6, 0.7) }];
  const lines = writeInputs(hints["03_multi_head.ts#multiHeadAttention"].params, big);
  t.deepEqual(lines, [
    "x = shape (4, 6): [[0.841471, 0.997495, 0.909297, …], …]", // sin 1, sin 1.5, sin 2
    "p.numHeads = 3",
    "p.wq = shape (6, 6): [[0.841471, 0, -0.841471, …], …]",
    "p.wk = shape (6, 6): [[0.841471, 0.948985, 0.997495, …], …]",
    "p.wv = shape (6, 6): [[0.841471, 0.14112, -0.958924, …], …]",
    "p.wo = shape (6, 6): [[0.841471, 0.991665, 0.675463, …], …]",
  ]);
  const row = (n: number) => Array.from({ length: n }, (_, i) => i);
  t.is(writeInputs(["a", "b"], [row(FULL_INPUT_NUMBERS - 1), [7]])[0], `a = [${row(FULL_INPUT_NUMBERS - 1).join(", ")}]`);
  t.deepEqual(writeInputs(["a", "b"], [row(FULL_INPUT_NUMBERS), [7]]), ["a = shape (64): [0, 1, 2, …]", "b = [7]"]);
  // and inside a real verdict: a wrong multi-head attention lists its inputs that way, then the rows and hint
  const wrong = (x: number[][], p: Parameters<typeof solutions03.multiHeadAttention>[1]) => solutions03.multiHeadAttention(x, { ...p, numHeads: 1 });
  const out = inlineReport("03_multi_head.ts", { ...solutions03, multiHeadAttention: wrong });
  t.regex(out, /✗ multiHeadAttention/);
  // on the fixed large case above (3 heads), the verdict summarizes the inputs, then the rows and the hint
  const mha = exercises.find((e) => e.name === "multiHeadAttention")!;
  const [x, p] = big as Parameters<typeof solutions03.multiHeadAttention>;
  const verdict = judge(mha, [{ args: big, expected: solutions03.multiHeadAttention(x, p) }], [{ ok: true, value: wrong(x, p) }]);
  t.true(verdict.output.includes(lines.map((l) => `  ${l}`).join("\n")), verdict.output);
  t.regex(verdict.output, /row 0 {2}expected \[ *[-\d.e]+, [^\n]*\n {9}returned \[ *[-\d.e]+, /);
  t.true(out.includes('hint: project with W_Q, W_K, W_V, split the columns into heads'), out);
});

test("the doc examples of the value writers hold", (t) => {
  t.is(formatNumber(1 / 3), "0.333333");
  t.is(formatNumber(NaN), "NaN");
  t.is(writeValue([[1, 0.5], [true, false]]), "[[1, 0.5], [true, false]]");
  t.is(lessonFile("2"), "02_self_attention.ts");
});

test("every exercise has a hint that names a real heading of its lesson's notebook and its real parameters", (t) => {
  const notebooks = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"));
  t.deepEqual(Object.keys(hints).sort(), exercises.map(caseKey).sort());
  for (const ex of exercises) {
    const h = hints[caseKey(ex)];
    const nb = notebooks.filter((f) => f.startsWith(ex.file.slice(0, 2)));
    t.is(nb.length, 1, `one notebook for lesson ${ex.file}`);
    const cells = JSON.parse(readFileSync(path.join(root, "notebooks", nb[0]), "utf8")).cells as { cell_type: string; source: string | string[] }[];
    const headings = cells.filter((c) => c.cell_type === "markdown").flatMap((c) => [c.source].flat().join("").split("\n"))
      .filter((l) => /^#+ /.test(l)).map((l) => l.replace(/^#+ /, "").trim());
    t.true(headings.includes(h.section), `${ex.name}: "${h.section}" is not a heading of ${nb[0]}: ${headings.join(" | ")}`);
    t.true(h.text.length > 30 && (!h.nonFinite || h.nonFinite.length > 30), `${ex.name}: hint too short`);
    const source = readFileSync(path.join(root, "exercises", ex.file), "utf8");
    const sig = source.match(new RegExp(`export function ${ex.name}\\(([^)]*)\\)`))?.[1] ?? "";
    t.deepEqual(h.params, sig.split(",").map((p) => p.trim().split(/[?:]/)[0]).filter(Boolean), `${ex.name}: parameter names`);
    t.regex(hintFor(ex), new RegExp(`^hint: .{30,} → notebook ${ex.file.slice(0, 2)}, ".+"$`));
  }
});

test("the notebook check of the untouched stubs says 'not started' for each exercise and shows no ✗", async (t) => {
  t.true(exerciseFiles.length >= 4);
  for (const file of exerciseFiles) {
    const mod = (await import(`../../exercises/${file.replace(/\.ts$/, ".js")}`)) as Record<string, unknown>;
    const mine = exercises.filter((e) => e.file === file);
    const out = inlineReport(file, mod);
    t.false(out.includes("✗"), out);
    t.false(out.includes("threw"), out);
    t.true(out.startsWith(`exercises/${file}: 0 of ${mine.length} exercises done · ${mine.length} not started · 0 / `), out);
    for (const ex of mine) t.true(new RegExp(`^ {2}○ ${ex.name} +0 / ${ex.points} {2}`, "m").test(out) && out.includes(`  ${ex.title} · not started\n`), `${ex.name}:\n${out}`);
    t.true(out.endsWith('○ not started: the function still throws "not implemented yet"; replace that line with your code.'));
  }
});

test("the notebook check and the grader explain a mistake with the same text", async (t) => {
  const solutions01 = await import("../../solutions/01_similarity.js");
  const noExpInline = (x: number[][]) => x.map((row) => row.map((v) => v / row.reduce((s, w) => s + w, 0)));
  const out = inlineReport("01_similarity.ts", { ...solutions01, softmax: noExpInline, dot: stubs01.dot });
  t.true(out.startsWith("exercises/01_similarity.ts: 1 of 3 exercises done · 1 not started · 1 needs work · 1 / 4 points on the public cases\n"), out);
  t.true(out.includes(WRONG_SOFTMAX.split("\n").map((l) => `      ${l}`).join("\n")), out);
  t.regex(out, /^ {2}✗ softmax +0 \/ 2 {2}stable softmax$/m);
  t.regex(out, /^ {2}○ dot +0 \/ 1 {2}dot product · not started$/m);
});

test("progress line and verdicts: a stub that throws is 'not started', any other throw needs work", (t) => {
  t.is(progressLine(["done", "done", "not started", "needs work"]), "2 of 4 exercises done · 1 not started · 1 needs work");
  t.is(progressLine(["done"]), "1 of 1 exercise done");
  const ex = exercises.find((e) => e.name === "dot")!;
  const cases = publicCases.cases[caseKey(ex)];
  const stub = judge(ex, cases, cases.map(() => ({ ok: false as const, error: "not implemented yet: dot (exercises/01_similarity.ts)" })));
  t.is(stub.status, "not started");
  const other = judge(ex, cases, cases.map(() => ({ ok: false as const, error: "a is undefined" })));
  t.is(other.status, "needs work");
  t.is(other.output, `case 1 of ${cases.length}: threw: a is undefined\n  a = [1, 2, 3]\n  b = [4, 5, 6]\n  ${hintFor(ex)}`);
  const flood = judge(ex, cases, cases.map(() => ({ ok: false as const, error: "x\n".repeat(500_000) })));
  t.is(flood.output.split("\n")[0], `case 1 of ${cases.length}: threw: ${"x\\n".repeat(100)}… (999800 more characters)`);
});

test("lessonFile: a lesson number or file name picks one file; anything else lists the choices", async (t) => {
  for (const c of ["01", "1", "01_similarity", "01_similarity.ts", "exercises/01_similarity.ts"]) t.is(lessonFile(c), "01_similarity.ts", c);
  t.is(lessonFile("4"), "04_bahdanau.ts");
  const err = t.throws(() => lessonFile("9"));
  t.is(err?.message, `only: "9" is not a lesson; give a lesson number or exercise file name: ${CHOICES}`);
  await t.throwsAsync(() => gradeSubmission(submission(), { publicCases, limits, only: "similarity" }), { message: /only: "similarity" is not a lesson/ });
});

test.serial("only: the other lessons' files are not graded, even when they would crash, hang or not compile", async (t) => {
  const dir = submission({
    "02_self_attention.ts": "this is not TypeScript (",
    "04_bahdanau.ts": "for (;;) { /* hangs at import */ }\n",
  });
  const r = await gradeSubmission(dir, { publicCases, limits, only: "01" });
  t.deepEqual([...new Set(r.exercises.map((e) => e.file))], ["01_similarity.ts"]);
  t.deepEqual(r.exercises.map((e) => e.name), ["dot", "cosineSimilarity", "softmax"]);
  t.is(r.score, 4);
  t.is(r.max, 4);
});

test.serial("CLI: --only 01 grades lesson 01 alone; stubs are 'not started' (no ✗), with a tip about --only; a bad lesson is refused", async (t) => {
  const one = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 01`;
  t.is(one.exitCode, 0, one.stderr);
  t.regex(one.stdout, /^01_similarity\.ts$/m);
  t.notRegex(one.stdout, /0[234]_\w+\.ts/);
  t.false(one.stdout.includes("✗"), one.stdout);
  t.is((one.stdout.match(/· not started$/gm) ?? []).length, 3);
  t.regex(one.stdout, /^Total: 0 \/ 4 points · 0 of 3 exercises done · 3 not started \(graded in/m);
  t.false(one.stdout.includes("Tip:"));
  const all = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts`;
  t.false(all.stdout.includes("✗"), all.stdout);
  t.is((all.stdout.match(/· not started$/gm) ?? []).length, exercises.length);
  t.regex(all.stdout, /^Tip: `npm run grade -- --only 01` grades one lesson's file alone/m);
  const byName = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 02_self_attention.ts`;
  t.regex(byName.stdout, /^02_self_attention\.ts$/m);
  t.notRegex(byName.stdout, /01_similarity\.ts|03_multi_head\.ts/);
  const bad = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 7`;
  t.is(bad.exitCode, 2);
  t.is(bad.stderr.trim(), `[grade] --only: "7" is not a lesson; give a lesson number or exercise file name: ${CHOICES}`);
});

test.serial("results.json carries the same feedback text as the console report", async (t) => {
  const out = mkdtempSync(path.join(os.tmpdir(), "attention-kit-feedback-cli-"));
  const results = path.join(out, "results.json");
  const cli = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 01 --submission ${submission(noMax)} --results ${results}`;
  t.is(cli.exitCode, 0, cli.stderr);
  const json = JSON.parse(readFileSync(results, "utf8")) as { output: string; tests: { name: string; output: string }[] };
  const softmax = json.tests.find((x) => x.name.startsWith("softmax:"))!;
  t.is(softmax.output, OVERFLOW_SOFTMAX);
  t.true(cli.stdout.includes(OVERFLOW_SOFTMAX.split("\n").map((l) => `      ${l}`).join("\n")), cli.stdout);
  t.regex(json.output, /^2 \/ 4 points; 2 of 3 exercises done · 1 needs work; 2 of 3 tests pass\.$/);
  // the in-memory reports agree with what the CLI wrote
  const r = await gradeSubmission(submission(noMax), { publicCases, limits, only: "01" });
  t.deepEqual((gradescopeResults(r) as typeof json).tests.map((x) => x.output), json.tests.map((x) => x.output));
  t.true(consoleReport(r).includes(`      ${OVERFLOW_SOFTMAX.split("\n")[0]}`));
});

test("a cases file the grader cannot read still gives a results.json that says so", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-badcases-"));
  mkdirSync(path.join(dir, "grader", "cases"), { recursive: true });
  writeFileSync(path.join(dir, "grader", "cases", "public.json"), "{ not json");
  const results = path.join(dir, "results.json");
  const r = await $({ cwd: dir, nothrow: true, quiet: true })`${path.join(root, "node_modules", ".bin", "tsx")} ${path.join(root, "scripts", "grade.ts")} --submission ${writeFinished(root)} --results ${results}`;
  t.is(r.exitCode, 0, r.stderr);
  const json = JSON.parse(readFileSync(results, "utf8"));
  t.is(json.score, 0);
  t.regex(json.tests[0].output, /grader error: the public cases could not be read: .*JSON/);
});

test("the notebook check compares a returned Matrix as number[][], as the grader's child does", async (t) => {
  const { Matrix } = await import("../../lib/index.js");
  const solutions01 = await import("../../solutions/01_similarity.js");
  const asMatrix = (x: number[][]) => Matrix.from(solutions01.softmax(x));
  const out = inlineReport("01_similarity.ts", { ...solutions01, softmax: asMatrix });
  t.regex(out, /✓ softmax /);
  t.regex(out, /3 of 3 exercises done/);
});
