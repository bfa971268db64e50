// Type-checks submission files in the checker process (see checker.ts): the check the page's Check runs too
// (declared_check.ts), against the student facade's declarations (declarations.ts: emitted once and cached,
// so a warm-up parses declarations only, ~0.4 s, where checking lib/'s sources took ~1.4 s).
import { readFileSync } from "node:fs";
import path from "node:path";
import { GraderTypeCheck } from "./declared_check.js";
import { facadeTypes } from "./declarations.js";

let check: GraderTypeCheck | undefined;

/**
 * Type errors of each file (absolute paths of the grader's private copies), as "line 3: Type 'string' is not
 * assignable to type 'number'.", one file at a time in the order given (the caller times each).
 */
export function* typeErrorsEach(files: string[]): Generator<[string, string[]]> {
  for (const file of files) yield [file, check!.errors(path.basename(file), readFileSync(file, "utf8"))];
}

/** Loads the declarations and parses them and ES2022 once, with a first check (what every later check reuses). */
export function warmUp(): void {
  check = new GraderTypeCheck(facadeTypes());
  check.errors("warm_up.ts", `import { matmul, transpose } from "../lib/index.js";\nexport const product = matmul([[1]], transpose([[2]]));\n`);
}
