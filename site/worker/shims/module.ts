// node:module in the browser worker: nothing can be required.
export const createRequire = (_from: string) => (id: string) => { throw new Error(`require("${id}") is not available in the browser`); };
export const isBuiltin = (s: string): boolean => s.startsWith("node:");
/** kernel/traceback.ts imports it for runtime errors; the worker maps those itself (compile.ts lineMap). */
export class SourceMap { constructor() { throw new Error("module.SourceMap is not available in the browser"); } findEntry(_l: number, _c: number): object { return {}; } }
export default { createRequire, isBuiltin, SourceMap };
