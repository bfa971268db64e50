// Issue 18, class 1: what a child runs is resolved structurally (grader/bundle.ts), whatever the spelling of
// the import. First every spelling against the bundler alone, then exact scores through gradeSubmission for the
// spellings the textual check lets through (wrapped require, computed paths, another student's file in a batch).
import test from "ava";
import { writeFinished } from "../../grader/generate.js";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundle } from "../../grader/bundle.js";
import { allowedLibImports } from "../../grader/exercises.js";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { finished, submission } from "../../grader/hostile.js";
import { FULL, filePoints } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");
const SOLUTION = JSON.stringify(path.join(root, "solutions", "01_similarity.ts"));
const CASES = JSON.stringify(path.join(root, "grader", "cases", "public.json"));
const DECL = "declare const require: any; declare const module: any;\n";

/** Bundles `src` as 02_self_attention.ts in a fresh folder (beside a copy of the solution, as in a batch). */
async function tryBundle(src: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-resolve-"));
  mkdirSync(path.join(dir, "me")); mkdirSync(path.join(dir, "victim"));
  writeFileSync(path.join(dir, "victim", "01_similarity.ts"), finished("01_similarity.ts"));
  writeFileSync(path.join(dir, "me", "02_self_attention.ts"), DECL + src);
  return bundle(path.join(dir, "me", "02_self_attention.ts"), allowedLibImports["02_self_attention.ts"]);
}

const refusedAtCompile: [string, string][] = [
  ["(require)(…)", `export const x = (require)(${SOLUTION});`],
  ["require!(…)", `export const x = require!(${SOLUTION});`],
  ["require(`…`) without substitutions", `export const x = require(\`${JSON.parse(SOLUTION)}\`);`],
  ["import(…)", `export const x = import(${SOLUTION});`],
  ["import x = require(…)", `import r = require(${SOLUTION});\nexport const x = r;`],
  ["export * from", `export * from ${SOLUTION};`],
  ["export { … } from", `export { dot } from ${SOLUTION};`],
  ["a JSON file (the cases)", `import c from ${CASES};\nexport const x = c;`],
  ["a lib file past the facade", 'import { softmax } from "../lib/softmax.js";\nexport const x = softmax;'],
  ["the facade by require", 'export const x = (require)("../lib/index.js");'],
  ["a builtin", 'import fs from "node:fs";\nexport const x = fs;'],
  ["a data: URL", 'import d from "data:text/javascript,export default 1";\nexport const x = d;'],
  ["another student's file", 'export const x = (require)("../victim/01_similarity.ts");'],
  ["a glob from string concatenation", 'const k = "01_similarity";\nexport const x = (require)("../victim/" + k + ".ts");'],
  ["a glob from a template literal", "const k = \"01_similarity\";\nexport const x = import(`../victim/${k}.ts`);"],
  ["a glob into lib/", 'const k = "max";\nexport const x = (require)("../../../../../../../../../../' + path.join(root, "lib").slice(1) + '/mask" + k + ".ts");'],
];
for (const [spelling, src] of refusedAtCompile) {
  test(`resolver: ${spelling} is refused at compile time, naming the rule`, async (t) => {
    const e = await t.throwsAsync(() => tryBundle(src));
    t.regex(e!.message, /refused: .*02_self_attention\.ts may import only from "\.\.\/lib\/index\.js"/);
  });
}

// Left to run time by the bundler (no module is compiled in); the child has no require and may read nothing.
const runtimeOnly: [string, string][] = [
  ["(0, require)(…)", `export const x = (0, require)(${SOLUTION});`],
  ["module.require", `export const x = module.require(${SOLUTION});`],
  ["require.resolve", `export const x = require.resolve(${SOLUTION});`],
  ["globalThis.require", `export const x = (globalThis as any).require(${SOLUTION});`],
];
for (const [spelling, src] of runtimeOnly) {
  test(`resolver: ${spelling} compiles nothing in`, async (t) => {
    const js = await tryBundle(src);
    t.false(js.includes("cosineSimilarity"), js);
  });
}

test("resolver: an exercise file gets only the helpers it may import, whatever the spelling", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-resolve-"));
  const js = await bundle(path.join(writeFinished(root, dir, ["05_transformer.ts"]), "05_transformer.ts"), allowedLibImports["05_transformer.ts"]); // solutions/ carry declarations: a finished file
  t.true(js.includes("function multiHeadAttention("));
  writeFileSync(path.join(dir, "03_multi_head.ts"), 'import { matmul } from "../lib/index.js";\nexport const x = matmul;\n');
  t.false((await bundle(path.join(dir, "03_multi_head.ts"), allowedLibImports["03_multi_head.ts"])).includes("function multiHeadAttention("), "03 grades multiHeadAttention: the facade leaves it out");
});

// Through the whole grader, exact scores: a file that loads another module scores zero for that file only.
const publicCases = loadPublicCases();
const limits = { timeoutMs: 3000, memoryMb: 128 };
const output = (r: SubmissionResult, name: string) => r.exercises.find((e) => e.name === name)!.public.output;
const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");
/** 01_similarity.ts whose cosineSimilarity returns what `load` (an expression) gives: the reference's answer if it worked. */
const thief = (load: string) => `${DECL}const ref = ${load};\n${finished("01_similarity.ts").replace(/export function cosineSimilarity\(([^)]*)\): number \{/, "export function cosineSimilarity($1): number {\n  return ref.cosineSimilarity(a, b);")}`;

const graded: [string, string, RegExp][] = [
  ["(require)(solutions)", `(require)(${SOLUTION})`, /failed to compile: .*refused/],
  ["require!(solutions)", `require!(${SOLUTION})`, /failed to compile: .*refused/],
  ["[require][0](solutions)", `[require][0](${SOLUTION})`, /threw while loading the file: .*(require|not supported)/],
  ["createRequire(solutions)", `(globalThis as any).process.getBuiltinModule("node:module").createRequire("/x.js")(${SOLUTION})`, /threw while loading the file: .*(ERR_ACCESS_DENIED|Access to this API|Cannot find module)/],
  // ("Cannot find module": in a checkout inside a private folder, the child's uid cannot even search the path)
  ["(require)(the cases)", `(require)(${CASES})`, /failed to compile: .*refused/],
];
for (const [title, load, message] of graded) {
  test.serial(`resolver, graded: ${title} scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
    const r = await gradeSubmission(submission({ "01_similarity.ts": thief(load) }), { publicCases, limits });
    t.regex(output(r, "cosineSimilarity"), message);
    t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
  });
}

test.serial(`resolver, graded: in a batch, a file naming another student's submission scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  const batch = mkdtempSync(path.join(os.tmpdir(), "attention-kit-batch-"));
  cpSync(submission(), path.join(batch, "victim"), { recursive: true });
  cpSync(submission({ "01_similarity.ts": thief('(require)("../victim/01_similarity.ts")') }), path.join(batch, "thief"), { recursive: true });
  const r = await gradeSubmission(path.join(batch, "thief"), { publicCases, limits });
  t.regex(output(r, "cosineSimilarity"), /refused/);
  t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
});
