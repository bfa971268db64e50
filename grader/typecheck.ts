// Checks submission files in the checker process (see checker.ts), where a file that makes TypeScript slow,
// hungry or deep (an exponential parse, 800 nested braces) costs only its own limits, never the grader's main
// thread: the import rule (rules.ts), then the type check the page's Check runs too (declared_check.ts), against
// the student facade's declarations (declarations.ts: emitted once and cached, so a warm-up parses declarations
// only, ~0.4 s, where checking lib/'s sources took ~1.4 s).
import { readFileSync } from "node:fs";
import path from "node:path";
import { GraderTypeCheck } from "./declared_check.js";
import { facadeTypes } from "./declarations.js";
import { importProblem } from "./rules.js";
import { shown } from "./spec/sanitize.js";

/** A file's type errors ("line 3: Type 'string' is not assignable to type 'number'."), or why it is not run. */
export type Checked = { errors: string[] } | { problem: string };
const WARM_UP = `import { matmul, transpose } from "../lib/index.js";\nexport const product = matmul([[1]], transpose([[2]]));\n`;
let types: Record<string, string> = {};
let check: GraderTypeCheck | undefined;

/**
 * Each file (absolute paths of the grader's private copies; `allowed`: what each file name may import), one at a
 * time in the order given (the caller times each). A check that throws (the parser's stack) is that file's
 * problem, and the next file gets a fresh checker.
 */
export function* checkEach(files: string[], allowed: Record<string, string[]>): Generator<[string, Checked]> {
  for (const file of files) {
    const name = path.basename(file);
    try {
      const text = readFileSync(file, "utf8");
      const problem = importProblem(name, text, allowed[name] ?? []);
      yield [file, problem ? { problem } : { errors: check!.errors(name, text) }];
    } catch (e) {
      check = new GraderTypeCheck(types);
      yield [file, { problem: `${name} could not be type-checked (${shown(e instanceof Error ? e.message : String(e), 200)}): simplify it` }];
    }
  }
}

/**
 * Loads the declarations and parses them and ES2022 once, with a first check that must pass: declarations that
 * do not type-check the course's own helpers (a stale or damaged cache) are emitted afresh, else this throws.
 */
export function warmUp(): void {
  for (const fresh of [false, true]) {
    types = facadeTypes(fresh);
    check = new GraderTypeCheck(types);
    const errors = check.errors("warm_up.ts", WARM_UP);
    if (errors.length === 0) return;
    if (fresh) throw new Error(`the helpers' declarations do not type-check the course's own use of them: ${errors.slice(0, 3).join("; ")}`);
  }
}
