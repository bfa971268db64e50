// The self-check at the end of each notebook: runs the public cases of one exercise file in the kernel
// and prints the same feedback as `npm run grade`. In-process and public only: for learning, not for grading.
import { exercises, withVariant } from "./exercises.js";
import { caseKey, loadPublicCases } from "./cases.js";
import { corePoints, exerciseBlock, judge, NOT_STARTED_NOTE, progressLine, pts, stretchNote, type Verdict } from "./feedback.js";
import type { Outcome } from "./run.js";
import { normalize } from "./wire.mjs";

const call = (f: (...a: unknown[]) => unknown, args: unknown[]): Outcome => {
  try {
    return { ok: true, value: normalize(f(...structuredClone(args))) }; // a Matrix compares as number[][], as in the grader
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
};

/**
 * The self-check's text for exercises/`file`: a summary line, then one block per exercise. `problem`: why the
 * grader would not run the file (grader/rules.ts; the page's Check passes it), given as every exercise's output.
 */
export function inlineReport(file: string, module: Record<string, unknown>, problem?: string | null): string {
  const { cases, variant } = loadPublicCases(); // the student's own cases and variant in their bundle
  const mine = exercises.filter((e) => e.file === file).map((e) => withVariant(e, variant));
  if (mine.length === 0) return `checkExercises: no exercises for ${file}; the files are ${[...new Set(exercises.map((e) => e.file))].join(", ")}`;
  const verdicts = mine.map((ex): Verdict => {
    if (problem) return { status: "needs work", output: problem };
    const f = module[ex.name], list = cases[caseKey(ex)];
    if (typeof f !== "function") return { status: "needs work", output: `${file} does not export a function named ${ex.name}` };
    return judge(ex, list, list.map((c) => call(f as (...a: unknown[]) => unknown, c.args)));
  });
  const earned = mine.reduce((s, ex, i) => s + (verdicts[i].status === "done" ? ex.points : 0), 0);
  const total = corePoints(mine); // stretch points are extra
  const earnedAt = (i: number) => (verdicts[i].status === "done" ? mine[i].points : 0);
  const statuses = verdicts.map((v) => v.status);
  return [
    `exercises/${file}: ${progressLine(statuses)} · ${pts(earned)} / ${total} points${stretchNote(mine, earnedAt)} on the public cases`,
    ...mine.flatMap((ex, i) => exerciseBlock({ ...ex, earned: verdicts[i].status === "done" ? ex.points : 0, status: verdicts[i].status, problems: [verdicts[i].output] })),
    ...(statuses.includes("not started") ? [NOT_STARTED_NOTE] : []),
  ].join("\n");
}

/**
 * Checks the exports of `module` (an `import * as` of exercises/<file>) against the public cases and prints
 * the report; never throws, so a notebook runs on with unfinished exercises.
 */
export function checkExercises(file: string, module: Record<string, unknown>): void {
  console.log(inlineReport(file, module));
}
