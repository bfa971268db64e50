// The grader's rules for one exercise file, in one place for the two that apply them: `npm run grade` (grade.ts,
// typecheck.ts in its checker process) and the page's Check (site/worker/grader_check.ts, in the Web Worker).
// What a file may import, the compiler options and declarations it is checked against, how "../lib/index.js"
// resolves (the student facade), and the exact text of each refusal. Browser-safe: TypeScript and pure grader
// modules only, and small: typecheck.ts's checker process is compiled from it (so the allowed names come in as
// an argument, from exercises.ts's allowedLibImports, not by importing the exercise list here).
import ts from "typescript";
import { checkImports } from "./static_check.js";
import { shown } from "./spec/sanitize.js";

/** The options a submission is type-checked with. No DOM: exercises need none (and parsing lib.dom.d.ts was most of the first check). */
export const GRADER_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: [],
  lib: ["lib.es2022.d.ts"],
};
/** The declarations checked beside every submission file (console, nothing of Node), under the course folder. */
export const STUDENT_ENV = "grader/student_env.d.ts";
/** What a submission's "../lib/index.js" is, wherever its folder lives: only the helpers exercises may use. */
export const STUDENT_FACADE = "grader/student_lib.ts";
/** A specifier that means the library's index (and so the facade) from a submission file. */
export const isLibIndex = (specifier: string): boolean => /(^|\/)lib\/index(\.js|\.ts)?$/.test(specifier);

/** A type error as the grader words it: "line 3: Type 'string' is not assignable to type 'number'." */
export function typeErrorText(sf: ts.SourceFile, d: ts.Diagnostic): string {
  const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
  return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
}

/** Why `file` (e.g. "01_similarity.ts") may not run because of what it imports (`allowed`: allowedLibImports[file]), or null. */
export function importProblem(file: string, text: string, allowed: string[]): string | null {
  const problem = checkImports(text, file, allowed);
  return problem ? shown(problem, 600) : null; // quotes the student's specifier
}

/** The reason a file with these type errors is not run, or null for none. */
export function typeProblem(file: string, errors: string[]): string | null {
  if (errors.length === 0) return null;
  return `${file} does not type-check: ${errors.slice(0, 3).map((m) => shown(m, 300)).join("; ")}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ""}`;
}

/** Both checks in the grader's order (imports first: a refused file is not type-checked), for one file's text. */
export function fileProblem(file: string, text: string, allowed: string[], typeErrors: (file: string, text: string) => string[]): string | null {
  return importProblem(file, text, allowed) ?? typeProblem(file, typeErrors(file, text));
}
