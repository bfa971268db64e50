// Checks and compiles submission files in the checker process (see checker.ts), where a file that makes
// TypeScript or esbuild slow, hungry or deep (an exponential parse, 800 nested braces) costs only its own limits,
// never the grader's main thread: the import rule (rules.ts), then the type check the page's Check runs too
// (declared_check.ts), then the bundle (bundle.ts). The type check reads the student facade's declarations
// (declarations.ts: emitted once and cached, so a warm-up parses declarations only, ~0.4 s, where checking
// lib/'s sources took ~1.4 s).
import { readFileSync } from "node:fs";
import path from "node:path";
import { GraderTypeCheck } from "./declared_check.js";
import { facadeTypes } from "./declarations.js";
import { fileProblem } from "./rules.js";
import { bundle } from "./bundle.js";
import { shown } from "./spec/sanitize.js";

/** A file's bundle (bundle.ts), or why it is not run: refused by the import rule, type errors, a failed compile. */
export type Checked = { js: string } | { problem: string };
const WARM_UP = `import { matmul, transpose } from "../lib/index.js";\nexport const product = matmul([[1]], transpose([[2]]));\n`;
let types: Record<string, string> = {};
let check: GraderTypeCheck | undefined;
const fresh = () => { check = new GraderTypeCheck(types); return check.errors("warm_up.ts", WARM_UP); };

/**
 * Each file (absolute paths of the grader's private copies; `allowed`: what each file name may import), one at a
 * time in the order given (the caller times each): the import rule, the type check, then the bundle — esbuild
 * takes exponential time on some TypeScript (nested `c ? (b) : R => …`), and here that is timed and killed
 * with this process. `compiling(file)` is called as the bundle starts. A check that throws (the parser's
 * stack) is that file's problem, and the next file gets a fresh checker.
 */
export async function* checkEach(files: string[], allowed: Record<string, string[]>, compiling: (file: string) => void): AsyncGenerator<[string, Checked]> {
  for (const file of files) {
    const name = path.basename(file);
    let problem: string | null;
    try {
      problem = fileProblem(name, readFileSync(file, "utf8"), allowed[name] ?? [], (f, text) => check!.errors(f, text)); // the page's Check's words
    } catch (e) {
      fresh();
      problem = `${name} could not be type-checked (${shown(e instanceof Error ? e.message : String(e), 200)}): simplify it`;
    }
    if (problem) { yield [file, { problem }]; continue; }
    compiling(file);
    try { yield [file, { js: await bundle(file, allowed[name] ?? [], name) }]; } catch (e) { yield [file, { problem: `${name} failed to compile: ${shown((e as Error).message, 600)}` }]; }
  }
}

/**
 * Loads the declarations and parses them and ES2022 once, with a first check that must pass: declarations that
 * do not type-check the course's own helpers (a stale or damaged cache) are emitted afresh, else this throws.
 */
export function warmUp(): void {
  for (const again of [false, true]) {
    types = facadeTypes(again);
    const errors = fresh();
    if (errors.length === 0) return;
    if (again) throw new Error(`the helpers' declarations do not type-check the course's own use of them: ${errors.slice(0, 3).join("; ")}`);
  }
}
