// The kernel's `Out[n]`: the shared value display (../cell/value.ts) with Node's util.inspect for the rest.
// Arrays, typed arrays, Maps and Sets show their first 100 items; strings inside values their first 10,000
// characters; the whole text is cut at MAX_RESULT_CHARS with a note.
import { inspect } from "node:util";
import { valueBundle } from "../cell/value.js";

export const mimeBundle = (value: unknown): Record<string, string> =>
  valueBundle(value, (v) => inspect(v, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 }));
