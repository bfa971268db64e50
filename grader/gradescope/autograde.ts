// What run_autograder runs on Gradescope: grades $AUTOGRADER_ROOT/submission (default /autograder) with hidden
// cases drawn now, against the variant of the student that submission_metadata.json names (the secret is the
// zip's grader/secret), and writes $AUTOGRADER_ROOT/results/results.json. Whatever fails inside the grader, a valid
// results.json still says what failed (run_autograder covers the case where Node itself cannot start).
import { mkdirSync, writeFileSync } from "node:fs";
import { randomInt } from "node:crypto";
import path from "node:path";

const root = process.env.AUTOGRADER_ROOT ?? "/autograder";
const resultsFile = path.join(root, "results", "results.json");
const write = (json: object) => {
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(json, null, 2) + "\n");
};
// the reason may quote a submission (a file name, a message): printable ASCII only, at most 500 characters
const failureNote = (reason: string) => `The autograder itself failed (${reason.replace(/[^\x20-\x7e]/g, "?").slice(0, 500)}). This is not a judgement of your work: please tell your instructor, who can regrade it.`;
/** Every exercise at zero with the reason; falls back to a bare results.json if even the grader's modules fail. */
async function writeFailure(reason: string): Promise<void> {
  try {
    const { failedResult } = await import("../grade.js");
    const { gradescopeResults } = await import("../report.js");
    write({ ...gradescopeResults(failedResult(reason, true)), output: failureNote(reason) });
  } catch {
    write({ score: 0, output: failureNote(reason), output_format: "text", tests: [] });
  }
}
const crash = (e: unknown) => {
  console.error("[autograder]", e);
  void writeFailure(e instanceof Error ? e.message : String(e)).finally(() => process.exit(1));
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

try {
  await import("../checker.js"); // first: the type checker warms up while the rest loads
  const { gradeSubmission } = await import("../grade.js");
  const { loadPublicCases, parsePublicCases } = await import("../cases.js");
  const { gradescopeStudent } = await import("./metadata.js");
  const { loadSecret, studentVariant } = await import("../variant.js");
  const { generatePublicCases } = await import("../public_cases.js");
  const { gradescopeResults } = await import("../report.js");
  // a fresh seed per submission, so hidden cases cannot be collected from earlier feedback; AUTOGRADER_SEED for tests
  const seed = Number(process.env.AUTOGRADER_SEED ?? randomInt(1, 2 ** 31));
  const student = gradescopeStudent(path.join(root, "submission_metadata.json"));
  // without metadata (a local test run) the course's own variant
  const publicCases = student === undefined ? loadPublicCases()
    : parsePublicCases(generatePublicCases(studentVariant(student, loadSecret(path.join(import.meta.dirname, "..", "secret"), { create: false }))));
  const result = await gradeSubmission(path.join(root, "submission"), { publicCases, hidden: { seed, count: 5 } });
  write(gradescopeResults(result));
  console.log(`[autograder] ${result.score} / ${result.max} points in ${result.seconds.toFixed(1)} s (hidden seed ${seed}${student === undefined ? ", no submission_metadata.json: the course's variant" : `, student ${student}'s variant`})`);
} catch (e) {
  console.error("[autograder]", e);
  await writeFailure(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
