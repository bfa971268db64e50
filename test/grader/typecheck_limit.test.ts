// Issue 18, class 4: the type check runs in its own process with a time and memory limit per file, so a file of
// exploding types costs only its own exercises, and in a batch no honest submission beside it loses anything.
import test from "ava";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { submission, typeBomb } from "../../grader/hostile.js";
import { FULL, filePoints } from "./points.js";

const publicCases = loadPublicCases();
// 5 s to type-check a file here (10 s by default) keeps the test shorter; the bomb needs minutes either way
const limits = { timeoutMs: 3000, memoryMb: 128, checkMs: 5000 };
const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");
const bomb = typeBomb();

test.serial(`batch fairness: two honest submissions beside a type bomb keep exactly ${FULL}, 10 times over; the bomb scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  t.timeout(15 * 60_000); // ten batches of three; each waits out the bomb's 5 s
  for (let rep = 1; rep <= 10; rep++) {
    const t0 = performance.now();
    const [honest1, attacker, honest2] = await Promise.all([submission(), submission({ "01_similarity.ts": bomb }), submission()]
      .map((dir) => gradeSubmission(dir, { publicCases, limits })));
    t.is(honest1.score, FULL, `repetition ${rep}: ${failing(honest1)}`);
    t.is(honest2.score, FULL, `repetition ${rep}: ${failing(honest2)}`);
    t.is(attacker.score, FULL - filePoints("01_similarity.ts"), `repetition ${rep}: ${failing(attacker)}`);
    t.regex(attacker.exercises.find((e) => e.name === "dot")!.public.output,
      /^01_similarity\.ts (could not be type-checked within 5 s \(the limit per file\)|used more than 1024 MB while being type-checked)/);
    t.log(`repetition ${rep}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
});
