// node:v8 in the browser: flags cannot be set; fma.ts then finds out whether relaxed SIMD validates.
export const setFlagsFromString = (_flags: string): void => {};
export default { setFlagsFromString };
