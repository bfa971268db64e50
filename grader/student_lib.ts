// What a submission gets when it imports "../lib/index.js": the Matrix helpers only. The static check
// refuses other names with a clear message; this facade makes the bundle small and the rule hold at run time.
export { Matrix } from "../lib/matrix.js";
export { matmul } from "../lib/matmul.js";
export { transpose } from "../lib/transpose.js";
