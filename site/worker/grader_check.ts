// The page's Check, as `npm run grade` checks a file (grader/rules.ts holds the rules both apply): the import
// rule, then the grader's own type check (grader/declared_check.ts, over the declarations of live/types.js),
// then the public cases (grader/inline.ts). A refused file is not run, and its report carries the grader's
// own words for why.
import { fileProblem } from "../../grader/rules.js";
import { inlineReport } from "../../grader/inline.js";
import { allowedLibImports } from "../../grader/exercises.js";
import { GraderTypeCheck } from "../../grader/declared_check.js";

export { GraderTypeCheck }; // grader/declared_check.ts: the check `npm run grade` runs too

/**
 * The Check's report for exercises/`file` with the learner's `text`: the grader's refusal for every exercise of
 * the file when a rule refuses it, else the public cases run on `load()` (the compiled module).
 */
export function checkReport(file: string, text: string, types: GraderTypeCheck, load: () => Record<string, unknown>): string {
  const problem = fileProblem(file, text, allowedLibImports[file] ?? [], (f, t) => types.errors(f, t));
  return problem ? inlineReport(file, {}, problem) : inlineReport(file, load());
}
