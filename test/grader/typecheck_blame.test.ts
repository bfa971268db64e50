// A file that makes the type checker block while its program is built (a reference to a FIFO a tar can carry)
// costs only that file's exercises, and the message names that file, not the submission's first file.
import test from "ava";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { finished, submission } from "../../grader/hostile.js";
import { FULL, filePoints } from "./points.js";

const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");

test(`a reference to a FIFO blocks only its own file's check: scores exactly ${FULL - filePoints("03_multi_head.ts")}`, async (t) => {
  const dir = submission();
  const fifo = path.join(dir, "evil.d.ts");
  execFileSync("mkfifo", [fifo]);
  const dir2 = submission({ "03_multi_head.ts": `/// <reference path="${fifo}" />\n${finished("03_multi_head.ts")}` });
  const r = await gradeSubmission(dir2, { publicCases: loadPublicCases(), limits: { timeoutMs: 3000, memoryMb: 128, checkMs: 3000 } });
  t.is(r.score, FULL - filePoints("03_multi_head.ts"), failing(r));
  for (const e of r.exercises.filter((x) => x.file === "03_multi_head.ts")) t.regex(e.public.output, /^03_multi_head\.ts could not be type-checked within 3 s/);
});
