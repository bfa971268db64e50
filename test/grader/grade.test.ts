// The grader against the solutions, the untouched stubs and hostile fixture submissions: exact scores.
import test from "ava";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync, symlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { consoleReport, gradescopeResults } from "../../grader/report.js";
import { exercises } from "../../grader/exercises.js";
import { writeFinished } from "../../grader/generate.js";
import { studentVariant } from "../../grader/variant.js";
import { streetTarget } from "../../grader/spec/street_check.js";
import { fixture, fixtureFile, finished, replaceBody, submission, type FixtureName } from "../../grader/hostile.js";
import { COUNT, FULL, MAX, filePoints, points } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");
const publicCases = loadPublicCases();
const limits = { timeoutMs: 3000, memoryMb: 128 };

const find = (r: SubmissionResult, name: string) => r.exercises.find((e) => e.name === name)!;

test.serial("the solutions score 100 %, public and hidden", async (t) => {
  const r = await gradeSubmission(submission(), { publicCases, hidden: { seed: 7, count: 5 }, limits });
  t.deepEqual(r.exercises.filter((e) => !e.public.passed || !e.hidden?.passed).map((e) => `${e.name}: ${e.public.output} / ${e.hidden?.output}`), []);
  t.is(r.score, FULL);
  t.is(r.max, MAX);
  t.true(MAX < FULL, "stretch exercises exist, and their points are extra");
  t.true(r.exercises.length >= 12);
});

test.serial("stretch exercises are extra: skipping them still reaches the maximum, and the summary says so", async (t) => {
  const stretch = exercises.filter((e) => e.stretch);
  t.deepEqual(stretch.map((e) => e.name).sort(), ["gruStep", "softmaxBackward"]);
  const skipped: Record<string, string> = {};
  for (const e of stretch) skipped[e.file] = replaceBody(skipped[e.file] ?? finished(e.file), e.name, `  throw new Error("not implemented yet: ${e.name} (exercises/${e.file})");`);
  const r = await gradeSubmission(submission(skipped), { publicCases, limits });
  t.is(r.score, MAX);
  t.is(r.max, MAX);
  t.regex(consoleReport(r), new RegExp(`^Total: ${MAX} / ${MAX} points \\(stretch: 0 of up to ${points(...stretch.map((e) => e.name))} extra points\\) · `, "m"));
  t.regex(consoleReport(r), /^ {2}○ gruStep +0 \/ 3 {2}one GRU step \(stretch\) · not started$/m);
  const full = await gradeSubmission(submission(), { publicCases, limits, only: "04" });
  // lesson 04's totals from its exercises' points: the core ones are the maximum, the stretch ones extra
  const of04 = exercises.filter((e) => e.file === "04_bahdanau.ts"), extra = points(...of04.filter((e) => e.stretch).map((e) => e.name));
  const core04 = filePoints("04_bahdanau.ts") - extra;
  t.true(extra > 0 && core04 > 0, "lesson 04 has both kinds");
  t.regex(consoleReport(full), new RegExp(`^Total: ${core04 + extra} / ${core04} points \\(stretch: ${extra} of up to ${extra} extra points\\) · `, "m"));
});

test.serial("untouched exercises score 0 and say 'not started'", async (t) => {
  const r = await gradeSubmission(path.join(root, "exercises"), { publicCases, limits });
  t.is(r.score, 0);
  for (const e of r.exercises) t.is(e.public.output, `not started: ${e.name} in ${e.file} still throws "not implemented yet"; replace that line with your code`);
});

/** A fixture that breaks loading its file costs the whole file. */
const wholeFile = (name: FixtureName) => FULL - filePoints(fixtureFile(name));
const cases: [FixtureName, number, string, RegExp][] = [
  ["throws", FULL - points("maskedSoftmax"), "maskedSoftmax", /case 1 of \d+: threw: boom\n {2}x = \[\[1, 2, 3\]\]\n {2}mask = \[\[true, true, false\]\]/],
  ["hangs", FULL - points("softmax"), "softmax", /^timed out after 3 s$/],
  ["nan", FULL - points("cosineSimilarity"), "cosineSimilarity", /: returned NaN$/m],
  ["reexport", wholeFile("reexport"), "softmax", /refused: line \d+ re-exports from "\.\.\/lib\/index\.js"/],
  ["borrow", wholeFile("borrow"), "dot", /refused: line 1 imports "\.\.\/solutions\/01_similarity\.js"/],
  ["exitAtImport", wholeFile("exitAtImport"), "softmax", /the file exited with code 0 while loading/],
  ["exits", FULL - points("causalMask"), "causalMask", /exited with code 3 \(process\.exit\?\) while running causalMask/],
  ["halfRight", FULL - points("scaledDotProductAttention"), "scaledDotProductAttention", /expected [-\d.e]+, got [-\d.e]+/],
  ["oom", FULL - points("selfAttentionProjections"), "selfAttentionProjections", /ran out of memory \(cap 128 MB\)/],
  ["debugPrints", FULL, "dot", /all \d+ cases pass/],
  ["wrongShape", FULL - points("positionalEncoding"), "positionalEncoding", /expected shape \(2, 2\), got shape \(3, 2\)/],
  ["typeError", wholeFile("typeError"), "splitHeads", /does not type-check: line \d+: Type 'string' is not assignable to type 'number'/],
  ["importThrows", wholeFile("importThrows"), "additiveScore", /threw while loading the file: Error: crash at import/],
  ["syntaxError", wholeFile("syntaxError"), "additiveScore", /does not type-check: line \d+/],
];
for (const [name, score, exercise, message] of cases) {
  test.serial(`hostile submission ${name}: scores exactly ${score}`, async (t) => {
    const r = await gradeSubmission(submission(fixture(name)), { publicCases, limits });
    t.regex(find(r, exercise).public.output, message);
    t.is(r.score, score, r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n"));
  });
}

test.serial("a submission that hard-codes the public answers fails the hidden cases", async (t) => {
  // maskedSoftmax: nothing else calls it, and its inputs are continuous, so hidden draws never repeat public ones
  const table = publicCases.cases["02_self_attention.ts#maskedSoftmax"].map((c) => [JSON.stringify(c.args), c.expected]);
  const hardcoded = replaceBody(finished("02_self_attention.ts"), "maskedSoftmax", `  return (${JSON.stringify(Object.fromEntries(table))} as Record<string, number[][]>)[JSON.stringify([x, mask])] ?? [];`);
  t.regex(hardcoded, /Record<string, number\[\]\[\]>/);
  const r = await gradeSubmission(submission({ "02_self_attention.ts": hardcoded }), { publicCases, hidden: { seed: 99, count: 5 }, limits });
  const ms = find(r, "maskedSoftmax");
  t.true(ms.public.passed, ms.public.output);
  t.false(ms.hidden!.passed);
  t.is(r.score, FULL - points("maskedSoftmax") / 2); // public half kept, hidden half lost
});

test.serial("student code cannot write files: the sandbox refuses, grading goes on", async (t) => {
  const canary = path.join(mkdtempSync(path.join(os.tmpdir(), "attention-kit-canary-")), "canary.json");
  writeFileSync(canary, "untouched");
  const src = fixture("tamper");
  src["01_similarity.ts"] = src["01_similarity.ts"].replace("TARGET", JSON.stringify(canary));
  const r = await gradeSubmission(submission(src), { publicCases, limits });
  t.is(readFileSync(canary, "utf8"), "untouched");
  t.is(r.score, FULL);
});

test.serial("a missing file zeroes only its exercises", async (t) => {
  const dir = submission();
  rmSync(path.join(dir, "03_multi_head.ts"));
  const r = await gradeSubmission(dir, { publicCases, limits });
  t.is(r.score, FULL - filePoints("03_multi_head.ts"));
  t.regex(find(r, "splitHeads").public.output, /03_multi_head\.ts was not found/);
});

test.serial("a file that cannot be read zeroes only its exercises", async (t) => {
  const dir = submission();
  rmSync(path.join(dir, "02_self_attention.ts"));
  mkdirSync(path.join(dir, "02_self_attention.ts")); // a folder where the file should be
  const r = await gradeSubmission(dir, { publicCases, limits });
  t.is(r.score, FULL - filePoints("02_self_attention.ts"));
  t.regex(find(r, "causalMask").public.output, /02_self_attention\.ts could not be read: EISDIR/);
});

test.serial("Gradescope results.json has the fields and visibilities Gradescope reads", async (t) => {
  const r = await gradeSubmission(submission(fixture("throws")), { publicCases, hidden: { seed: 3, count: 2 }, limits });
  const json = gradescopeResults(r) as { score: number; execution_time: number; output: string; tests: Record<string, unknown>[] };
  t.is(json.score, FULL - points("maskedSoftmax"));
  t.is(typeof json.execution_time, "number");
  t.is(json.tests.length, 2 * r.exercises.length);
  for (const test of json.tests) {
    t.deepEqual(Object.keys(test).sort(), ["max_score", "name", "number", "output", "score", "status", "visibility"]);
    t.true(["passed", "failed"].includes(test.status as string));
  }
  t.deepEqual([...new Set(json.tests.map((x) => x.visibility))], ["visible", "after_published"]);
  t.is(json.tests.reduce((s, x) => s + (x.score as number), 0), json.score);
});

test.serial("CLI: one submission to results.json, a batch to a CSV gradebook", async (t) => {
  const out = mkdtempSync(path.join(os.tmpdir(), "attention-kit-cli-"));
  const one = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --submission ${submission(fixture("nan"))} --results ${path.join(out, "results.json")} --hidden --seed 5`;
  t.is(one.exitCode, 0, one.stderr);
  t.regex(one.stdout, /✗ cosineSimilarity\s+0 \/ 1/);
  t.is(JSON.parse(readFileSync(path.join(out, "results.json"), "utf8")).score, FULL - points("cosineSimilarity"));
  const batch = path.join(out, "batch"), secret = path.join(out, "secret");
  writeFileSync(secret, "a-test-secret-of-the-batch\n");
  mkdirSync(batch);
  // in a batch each folder name is a student id, graded against that student's variant
  writeFinished(root, path.join(batch, "ada"), undefined, studentVariant("ada", "a-test-secret-of-the-batch").variant);
  cpSync(path.join(root, "exercises"), path.join(batch, "bob"), { recursive: true });
  cpSync(submission(fixture("halfRight")), path.join(batch, "cy"), { recursive: true });
  const b = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --batch ${batch} --csv ${path.join(out, "grades.csv")} --secret ${secret} --timeout 30`; // scores, not time limits, are under test: a loaded machine must not time out a right answer
  t.is(b.exitCode, 0, b.stderr);
  t.regex(b.stderr, /\[#+\] 3\/3/);
  const rows = readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
  t.deepEqual(rows[0].slice(0, 3), ["student", "total", `${exercises[0].file.replace(/\.ts$/, "")}:${exercises[0].name}`]);
  // cy's file is built on the course's variant: its itToStreet answer fits her variant only if her words are the course's
  const cyWords = streetTarget(studentVariant("cy", "a-test-secret-of-the-batch").variant), coursesWords = streetTarget(0);
  const cyDesign = cyWords.query === coursesWords.query && cyWords.target === coursesWords.target ? 0 : points("itToStreet");
  t.deepEqual(rows.slice(1).map((r) => r.slice(0, 2)), [["ada", String(FULL)], ["bob", "0"], ["cy", String(FULL - points("scaledDotProductAttention") - cyDesign)]]);
  t.is(rows[0].length, 2 + COUNT);
});

test.serial("release: the student bundle has no solutions and grades on its own", async (t) => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "attention-kit-release-")), "bundle");
  const rel = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/release.ts ${out}`;
  t.is(rel.exitCode, 0, rel.stderr);
  for (const p of ["lib/index.ts", "notebooks/01-dot-product-similarity.ipynb", "exercises/01_similarity.ts", "grader/cases/public.json", "package.json", "README.md"]) t.true(existsSync(path.join(out, p)), p);
  for (const p of ["solutions", "grader/reference.ts", "grader/generate.ts", "scripts/generate.ts", "test", "grader/gradescope", "scripts/autograder.ts"]) t.false(existsSync(path.join(out, p)), p);
  const all = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(d, e.name)) : [path.join(d, e.name)]));
  // no released file outside lib/ contains a line of any solution region (lib/ ships the library by design;
  // the import check keeps submissions from using it)
  const solutionLines = readdirSync(path.join(root, "solutions")).flatMap((f) => [...readFileSync(path.join(root, "solutions", f), "utf8").matchAll(/BEGIN SOLUTION\n([\s\S]*?)\/\/ END SOLUTION/g)]
    .flatMap((m) => m[1].split("\n").map((l) => l.trim()).filter((l) => l.length > 25)));
  t.true(solutionLines.length > 20);
  const leaked = all(out).filter((f) => !f.endsWith(".json") && !f.startsWith(path.join(out, "lib"))).flatMap((f) => { const text = readFileSync(f, "utf8"); return solutionLines.filter((l) => text.includes(l)).map((l) => `${path.relative(out, f)}: ${l}`); });
  t.deepEqual(leaked, []);
  symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"));
  const grade = await $({ cwd: out, nothrow: true, quiet: true })`npx tsx scripts/grade.ts`;
  t.is(grade.exitCode, 0, grade.stderr);
  t.regex(grade.stdout, new RegExp(`Total: 0 / ${MAX} points \\(stretch: 0 of up to ${FULL - MAX} extra points\\) · `));
  const tsc = await $({ cwd: out, nothrow: true, quiet: true })`npx tsc --noEmit`;
  t.is(tsc.exitCode, 0, `the release does not type-check on its own:\n${tsc.stdout}`);
  const hidden = await $({ cwd: out, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --hidden`;
  t.is(hidden.exitCode, 2);
  t.regex(hidden.stderr, /--hidden needs the instructor's copy/);
});
