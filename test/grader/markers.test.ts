import test from "ava";
import { readFileSync } from "node:fs";
import path from "node:path";
import { stripSolutions, MarkerError } from "../../grader/markers.js";
import { generateExercises, generateManifest, generatePublicCases } from "../../grader/generate.js";

const fixtures = path.join(import.meta.dirname, "fixtures", "markers");

test("golden: markers become stubs, everything else is kept", (t) => {
  const got = stripSolutions(readFileSync(path.join(fixtures, "solution.ts"), "utf8"), "solution.ts");
  t.is(got, readFileSync(path.join(fixtures, "expected.ts"), "utf8"));
});

const fn = (body: string) => `export function f(): number {\n${body}\n}\n`;
for (const [name, source, fragment] of [
  ["nested BEGIN", fn("// BEGIN SOLUTION\n// BEGIN SOLUTION\nreturn 1;\n// END SOLUTION\n// END SOLUTION"), "a.ts:3: nested BEGIN SOLUTION (the one at line 2"],
  ["unclosed BEGIN", fn("// BEGIN SOLUTION\nreturn 1;"), "a.ts:2: BEGIN SOLUTION is never closed"],
  ["END without BEGIN", fn("return 1;\n// END SOLUTION"), "a.ts:3: END SOLUTION without a BEGIN SOLUTION"],
  ["misspelled marker", fn("// BEGIN SOLUTIONS\nreturn 1;\n// END SOLUTION"), 'a.ts:2: malformed marker "// BEGIN SOLUTIONS"'],
  ["marker with trailing text", fn("// BEGIN SOLUTION here\nreturn 1;\n// END SOLUTION"), "a.ts:2: malformed marker"],
  ["marker outside an exported function", "// BEGIN SOLUTION\nconst x = 1;\n// END SOLUTION\n", "a.ts:1: BEGIN SOLUTION is not inside an exported function"],
] as const) {
  test(`malformed markers are errors: ${name}`, (t) => {
    const err = t.throws(() => stripSolutions(source, "a.ts"), { instanceOf: MarkerError });
    t.true(err?.message.includes(fragment), err?.message);
  });
}

test("exercises/ is exactly what the generator makes from solutions/", (t) => {
  const root = path.resolve(import.meta.dirname, "../..");
  for (const [file, text] of generateExercises(root)) t.is(readFileSync(path.join(root, "exercises", file), "utf8"), text, `exercises/${file} is stale: run npm run generate`);
});

test("grader/manifest.ts is exactly what the generator makes from the declarations in solutions/", (t) => {
  const root = path.resolve(import.meta.dirname, "../..");
  t.is(readFileSync(path.join(root, "grader", "manifest.ts"), "utf8"), generateManifest(root), "grader/manifest.ts is stale: run npm run generate");
});

test("the committed public cases are what the solutions compute", (t) => {
  const root = path.resolve(import.meta.dirname, "../..");
  t.is(readFileSync(path.join(root, "grader", "cases", "public.json"), "utf8"), generatePublicCases(), "grader/cases/public.json is stale: run npm run generate");
});
