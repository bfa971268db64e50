// node:module in the browser worker: nothing can be required.
export const createRequire = (_from: string) => (id: string) => { throw new Error(`require("${id}") is not available in the browser`); };
export const isBuiltin = (s: string): boolean => s.startsWith("node:");
export default { createRequire, isBuiltin };
