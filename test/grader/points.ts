// Expected scores computed from the exercise list, so the grader tests keep meaning the same thing when
// lessons add exercises: a hostile fixture scores the full marks minus the points of what it breaks.
import { exercises } from "../../grader/exercises.js";
import { corePoints } from "../../grader/feedback.js";

const sum = (list: { points: number }[]) => list.reduce((s, e) => s + e.points, 0);

/** What the reference solutions score: every exercise's points, stretch ones included (they are extra). */
export const FULL = sum(exercises);
/** The maximum a report states: the core exercises' points (stretch points are extra). */
export const MAX = corePoints(exercises);

/** The points of the named exercises; a name that is not exactly one exercise throws (a test that cannot mean anything). */
export function points(...names: string[]): number {
  return sum(names.map((n) => {
    const found = exercises.filter((e) => e.name === n || `${e.file}#${e.name}` === n);
    if (found.length !== 1) throw new Error(`points: "${n}" names ${found.length} exercises; give "file#name"`);
    return found[0];
  }));
}

/** The points of every exercise in the named files. */
export function filePoints(...files: string[]): number {
  for (const f of files) if (!exercises.some((e) => e.file === f)) throw new Error(`filePoints: no exercises in ${f}`);
  return sum(exercises.filter((e) => files.includes(e.file)));
}

/** How many exercises there are (a Gradescope run has one test per exercise, two with hidden cases). */
export const COUNT = exercises.length;
