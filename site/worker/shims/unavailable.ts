// Node modules with no meaning in the browser worker: any use throws, naming the module.
const fail = (what: string) => () => { throw new Error(`${what} is not available in the browser`); };
export const gzipSync = fail("zlib.gzipSync");
export const createHash = fail("crypto.createHash");
export const randomBytes = fail("crypto.randomBytes");
export default {};
