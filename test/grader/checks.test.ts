import test from "ava";
import { compare } from "../../grader/compare.js";
import { checkImports } from "../../grader/static_check.js";

test("compare: equal within tolerance", (t) => {
  t.is(compare([[1, 2]], [[1 + 1e-12, 2]]), null);
  t.is(compare({ output: [[1]], weights: [[1]] }, { output: [[1]], weights: [[1]], extra: 5 }), null);
  t.is(compare([[true, false]], [[true, false]]), null);
});

test("compare: shape, NaN, mismatch and type messages", (t) => {
  t.is(compare([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]), "expected shape (3, 4), got shape (4, 3)");
  t.is(compare([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, NaN]]), "returned NaN at (1, 2)");
  t.is(compare([[0.5, 0.5]], [[0.5, 0.25]]), "at (0, 1): expected 0.5, got 0.25 (tolerance 1e-9 relative)");
  t.is(compare({ output: [[1]], weights: [[1]] }, { output: [[1]], weights: [[2]] }), "weights: at (0, 0): expected 1, got 2 (tolerance 1e-9 relative)");
  t.is(compare(3, undefined), "expected a number, got undefined");
  t.is(compare([[1, 2], [3, 4]], [[1, 2], [3]]), "expected a row of length 2 at (1), got an array of shape (1) (ragged result)");
  t.is(compare(1, Infinity), "returned Infinity");
  t.is(compare([[true]], [[false]]), "at (0, 0): expected true, got false");
});

test("static check: allowed helpers pass; lib, solutions, other modules and loaders are refused", (t) => {
  const allowed = ["Matrix", "matmul", "transpose"];
  t.is(checkImports('import { matmul, transpose } from "../lib/index.js";\nimport type { Matrix } from "../lib/index.js";', "f.ts", allowed), null);
  const refused: [string, string][] = [
    ['import { softmax } from "../lib/index.js";', 'line 1 imports softmax from "../lib/index.js"'],
    ['import { matmul as m, softmax as s } from "../lib/index.js";', "imports softmax"],
    ['import * as lib from "../lib/index.js";', "imports all of"],
    ['export { softmax } from "../lib/index.js";', "re-exports"],
    ['import { softmax } from "../lib/softmax.js";', 'imports "../lib/softmax.js"'],
    ['import { dot } from "../solutions/01_similarity.js";', 'imports "../solutions/01_similarity.js"'],
    ['import fs from "node:fs";', 'imports "node:fs"'],
    ['const m = require("fs");', "loads a module at run time (require(…))"],
    ['export async function f() { return import("../lib/index.js"); }', "loads a module at run time (import(…))"],
  ];
  for (const [src, fragment] of refused) {
    const msg = checkImports(src, "f.ts", allowed);
    t.true(msg?.includes(fragment) && msg.includes("f.ts may import only { Matrix, matmul, transpose }"), `${src} → ${msg}`);
  }
  t.regex(checkImports('import { matmul } from "../lib/index.js";', "01.ts", []) ?? "", /01\.ts may not import anything/);
});
