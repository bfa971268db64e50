// The page's Check applies `npm run grade`'s rules (grader/rules.ts): a file the Node grader refuses is refused by
// the page's code path (site/worker/grader_check.ts, with the declarations live/types.js ships) with the same
// words, and a file it accepts is accepted and graded the same.
import test from "ava";
import { rmSync } from "node:fs";
import { gradeSubmission, type ExerciseResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { allowedLibImports, exercises } from "../../grader/exercises.js";
import { exerciseBlock } from "../../grader/feedback.js";
import { fileProblem } from "../../grader/rules.js";
import { finished, fixture, submission } from "../../grader/hostile.js";
import { GraderTypeCheck, checkReport } from "../../site/worker/grader_check.js";
import { courseTypes } from "../../site/worker/types.js";
import { exerciseSources, loadModule } from "../../site/worker/modules.js";

const publicCases = loadPublicCases();
const limits = { timeoutMs: 30_000, memoryMb: 256, submissionMs: 300_000, checkMs: 60_000, checkMemoryMb: 1024 }; // a loaded machine must not time out a right answer
const pageTypes = new GraderTypeCheck(courseTypes());

const edit = (file: string, f: (s: string) => string) => ({ [file]: f(finished(file)) });
/** Submission files the grader refuses, one rule each. */
const refused: Record<string, Record<string, string>> = {
  "a name lib exports but the file may not import": fixture("reexport"),
  "an import from solutions/": fixture("borrow"),
  "a type error": fixture("typeError"),
  "a namespace import of the library": edit("01_similarity.ts", (s) => `import * as L from "../lib/index.js";\nexport const seeL = L;\n${s}`),
  "require() at run time": edit("01_similarity.ts", (s) => `${s}\nexport const fs = require("node:fs");\n`),
  "a Node global the sandbox lacks (no Node types)": edit("02_self_attention.ts", (s) => `${s}\nexport const env = process.env;\n`),
  "an implicit any": edit("01_similarity.ts", (s) => `${s}\nexport function loose(x) { return x; }\n`),
  "four type errors (three shown)": edit("03_multi_head.ts", (s) => `${s}\nexport const a: number = "1";\nexport const b: number = "2";\nexport const c: number = "3";\nexport const d: number = "4";\n`),
};

async function nodeGrade(files: Record<string, string>): Promise<ExerciseResult[]> {
  const dir = submission(files);
  try {
    const file = Object.keys(files)[0];
    return (await gradeSubmission(dir, { publicCases, limits, only: file })).exercises;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const pageReport = (file: string, text: string) => {
  exerciseSources.set(file, text);
  return checkReport(file, text, pageTypes, () => loadModule(`../exercises/${file.replace(/\.ts$/, ".js")}`) as Record<string, unknown>);
};

for (const [what, files] of Object.entries(refused)) {
  test(`refused by both, in the same words: ${what}`, async (t) => {
    const [file, text] = Object.entries(files)[0];
    const node = await nodeGrade(files);
    t.true(node.length > 0);
    const problem = fileProblem(file, text, allowedLibImports[file] ?? [], (f, s) => pageTypes.errors(f, s));
    t.truthy(problem, "the page's rules accept what the grader refuses");
    const report = pageReport(file, text);
    for (const r of node) {
      t.false(r.public.passed, r.name);
      t.is(r.public.output, problem!, r.name); // the grader's reason, word for word
      const ex = exercises.find((e) => e.file === file && e.name === r.name)!;
      t.true(report.includes(exerciseBlock({ ...ex, earned: 0, status: "needs work", problems: [problem!] }).join("\n")), report);
    }
  });
}

test("accepted by both: the reference solutions pass every public case in both", async (t) => {
  for (const file of ["01_similarity.ts", "03_multi_head.ts"]) {
    const text = finished(file);
    t.is(fileProblem(file, text, allowedLibImports[file] ?? [], (f, s) => pageTypes.errors(f, s)), null);
    const node = await nodeGrade({ [file]: text });
    const report = pageReport(file, text);
    for (const r of node) {
      t.true(r.public.passed, `${r.name}: ${r.public.output}`);
      t.regex(report, new RegExp(`✓ ${r.name} `), report);
    }
    t.regex(report, /(\d+) of \1 exercises done/);
  }
});

test("the page's type check words errors as the Node grader's checker does", (t) => {
  t.deepEqual(pageTypes.errors("01_similarity.ts", 'export const x: number = "a";\n'), ["line 1: Type 'string' is not assignable to type 'number'."]);
  // the facade: what 03 may import type-checks, a lib name outside the facade does not
  t.deepEqual(pageTypes.errors("05_transformer.ts", 'import { multiHeadAttention, Matrix } from "../lib/index.js";\nexport const f: typeof multiHeadAttention = multiHeadAttention; export const m = Matrix;\n'), []);
  t.regex(pageTypes.errors("01_similarity.ts", 'import { softmax } from "../lib/index.js";\nexport const s = softmax;\n').join(), /has no exported member 'softmax'/);
});
