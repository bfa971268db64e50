// Exercise numbers are generated from the order of declaration (grader/generate.ts), so a new exercise can shift
// them. The notebooks and the README therefore cite an exercise by number *and* function name, as
// "exercise 2.5 (`maskedSoftmax`)" or "`predictShifts` (exercise 2.8", and every number must be the one
// exercises/*.ts gives that function today.
import test from "ava";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { citationProblems, stubNumbers } from "./exercise_citations.js";

const root = path.resolve(import.meta.dirname, "../..");

const exercisesDir = path.join(root, "exercises"), notebooksDir = path.join(root, "notebooks");
const numbers = stubNumbers(readdirSync(exercisesDir).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(path.join(exercisesDir, f), "utf8")));
const notebookText = (f: string) => (JSON.parse(readFileSync(path.join(notebooksDir, f), "utf8")).cells as { source: string | string[] }[])
  .map((c) => [c.source].flat().join("")).join("\n\n");

test("every exercise number the notebooks and the README cite is that of the function named beside it", (t) => {
  t.true(numbers.size >= 30 && numbers.get("2.5") !== undefined, `read ${numbers.size} exercise numbers from exercises/`);
  const texts: [string, string][] = [
    ...readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).map((f): [string, string] => [`notebooks/${f}`, notebookText(f)]),
    ["README.md", readFileSync(path.join(root, "README.md"), "utf8")],
  ];
  const cited = texts.reduce((n, [, s]) => n + [...s.replace(/\s+/g, " ").matchAll(/\bexercises? \d+\.\d+/gi)].length, 0);
  t.true(cited >= 8, `${cited} citations found`);
  t.deepEqual(texts.flatMap(([f, s]) => citationProblems(s, numbers, `${f}: `)), []);
});

test("a drifted, a bare and a missing citation are each found", (t) => {
  const n = new Map([["2.5", "maskedSoftmax"], ["2.7", "packedCausalMask"]]);
  t.deepEqual(citationProblems("is exercise 2.5 (`maskedSoftmax`); `packedCausalMask` (exercise\n2.7, one answer)", n), []);
  t.deepEqual(citationProblems("That masked softmax is exercise 2.4 (`maskedSoftmax`).", new Map([...n, ["2.4", "selfAttentionProjections"]])),
    ["cites `maskedSoftmax` as exercise 2.4, which is `selfAttentionProjections` (`maskedSoftmax` is 2.5)"]);
  t.deepEqual(citationProblems("Exercise 2.7 asks you to choose a mask", n), ['cites exercise 2.7 without its function name: write "exercise 2.7 (`packedCausalMask`)"']);
  t.deepEqual(citationProblems("see exercise 2.9 (`gone`)", n), ["cites exercise 2.9, which exercises/ does not have"]);
});
