// The types a cell is checked against in the page (build time, Node): TypeScript's ES2023 library files, the
// declarations of every course module a cell can import (emitted from lib/ and grader/inline.ts), and
// cell_globals.dts (a .d.ts kept out of the project's own type check; the few Node names the notebooks use). Written to live/types.js, loaded on the first Run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { courseRoot as root } from "../../grader/course_root.js";
import { cachedFiles, emitDeclarations, esLibFiles, tsFiles } from "../../grader/declarations.js";

const cellGlobals = path.join(import.meta.dirname, "cell_globals.dts");
/** The course modules whose declarations cells need (what modules.ts serves). */
export const DECLARED = ["lib/index.ts", "lib/plot/index.ts", "lib/autodiff/index.ts", "lib/transformer/index.ts", "lib/seq2seq/dates.ts", "lib/seq2seq/model.ts", "lib/seq2seq/recipe.ts", "lib/seq2seq/train.ts", "lib/seq2seq/transformer_model.ts", "lib/seq2seq/vocab.ts", "lib/seq2seq/gru.ts", "lib/apps/index.ts", "lib/apps/recipes.ts", "lib/apps/train_app.ts", "grader/inline.ts", "grader/student_lib.ts"];

/**
 * The files of live/types.js. Emitting the declarations type-checks lib/ and the grader (~10 s idle, a minute
 * on a busy machine), so the result is cached (grader/declarations.ts), keyed by the sources, cell_globals.d.ts
 * and the TypeScript version.
 */
export const courseTypes = (): Record<string, string> =>
  cachedFiles("attention-kit-site", [...tsFiles(path.join(root, "lib")), ...tsFiles(path.join(root, "grader")), cellGlobals], DECLARED, () => ({
    ...esLibFiles(), ...emitDeclarations(DECLARED), "/course/cell_globals.d.ts": readFileSync(cellGlobals, "utf8"),
  }));
