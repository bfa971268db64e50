// How a notebook cell becomes code that runs: one definition for the kernel (kernel/) and the course's
// browser pages. Browser-bundleable: no node: imports (TypeScript is its only dependency). See README.md.
export { compileCell, type CompiledCell } from "./compile.js";
export { rewriteCell, type Rewritten } from "./rewrite.js";
export { CellScope, topLevelNames, type NameKind } from "./scope.js";
export { cellScript, declareNames, installRuntime, runCell, type CellRuntime, type CellScript, type RunHooks } from "./run.js";
export { valueBundle, truncateText, matrixText, matrixHtml, isMatrix, MAX_RESULT_CHARS } from "./value.js";
export { cellLines } from "./lines.js";
export { compileError, type Diagnostic, type JupyterError } from "./errors.js";
