// The type check reads nothing but the declarations it was given (grader/declared_check.ts): a file that
// references another file on the grading machine — a FIFO a tar can carry, which would block a reader — is
// refused for that reference at once, costs only its own file's exercises, and the message names that file.
import test from "ava";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { finished, submission } from "../../grader/hostile.js";
import { FULL, filePoints } from "./points.js";

const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");

test(`a reference to a FIFO is never opened, and costs only its own file: scores exactly ${FULL - filePoints("03_multi_head.ts")}`, async (t) => {
  const dir = submission();
  const fifo = path.join(dir, "evil.d.ts");
  execFileSync("mkfifo", [fifo]);
  const dir2 = submission({ "03_multi_head.ts": `/// <reference path="${fifo}" />\n${finished("03_multi_head.ts")}` });
  const t0 = performance.now();
  const r = await gradeSubmission(dir2, { publicCases: loadPublicCases(), limits: { timeoutMs: 3000, memoryMb: 128, checkMs: 3000 } });
  t.is(r.score, FULL - filePoints("03_multi_head.ts"), failing(r));
  for (const e of r.exercises.filter((x) => x.file === "03_multi_head.ts")) t.regex(e.public.output, /^03_multi_head\.ts does not type-check: line 1: File '.*evil\.d\.ts' not found\./);
  t.true(performance.now() - t0 < 60_000); // a reader of the FIFO would have waited for the 3 s check limit at least; this is the no-hang bound
});

test("a reference to a file of the course or the machine is not found either: declarations only", async (t) => {
  for (const target of [path.resolve(import.meta.dirname, "../../lib/matmul.ts"), "/etc/hostname", "../solutions/01_similarity.ts"]) {
    const dir = submission({ "01_similarity.ts": `/// <reference path="${target}" />\n${finished("01_similarity.ts")}` });
    const r = await gradeSubmission(dir, { publicCases: loadPublicCases(), only: "01" });
    for (const e of r.exercises) t.regex(e.public.output, /^01_similarity\.ts does not type-check: line 1: (File '.*' not found\.|Could not resolve the path '.*' with the extensions)/, target);
  }
});
