// The self-check at the end of each notebook: runs the public cases of one exercise file in the kernel
// and prints pass/fail with feedback. In-process and public only: for learning, not for grading.
import { exercises } from "./exercises.js";
import { caseKey, loadPublicCases } from "./cases.js";
import { compare } from "./compare.js";

/**
 * Checks the exports of `module` (an `import * as` of exercises/<file>) against the public cases.
 * Prints the points earned; never throws, so a notebook runs on with unfinished exercises.
 */
export function checkExercises(file: string, module: Record<string, unknown>): void {
  const cases = loadPublicCases().cases;
  const mine = exercises.filter((e) => e.file === file);
  if (mine.length === 0) { console.log(`checkExercises: no exercises for ${file}`); return; }
  let earned = 0;
  const lines = mine.map((ex) => {
    const f = module[ex.name];
    const list = cases[caseKey(ex)];
    let problem: string | null = typeof f === "function" ? null : `${file} does not export ${ex.name}`;
    for (let i = 0; !problem && i < list.length; i++) {
      try {
        const diff = compare(list[i].expected, (f as (...a: unknown[]) => unknown)(...structuredClone(list[i].args)));
        if (diff) problem = `case ${i + 1} of ${list.length}: ${diff}`;
      } catch (e) {
        problem = `case ${i + 1} of ${list.length}: threw: ${(e as Error).message}`;
      }
    }
    if (!problem) earned += ex.points;
    return `${problem ? "✗" : "✓"} ${ex.name} (${ex.points} pt${ex.points > 1 ? "s" : ""})${problem ? `\n    ${problem}` : ""}`;
  });
  const total = mine.reduce((s, e) => s + e.points, 0);
  console.log([`Exercises in exercises/${file}: ${earned} / ${total} points on the public cases`, ...lines].join("\n"));
}
