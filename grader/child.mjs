// @ts-check
// Runs ONE exercise of one submission file inside the sandbox (see grader/sandbox.ts): reads the job
// { name, cases } from stdin, imports the bundle, calls the function on every case and writes, on fd 3,
// the line {"loaded":true} after the import and then one line with the outcomes. Nothing written here is
// trusted: the parent accepts exactly that sequence, on its own clock, for the exercise it started this for.
import { readFileSync, writeSync } from "node:fs";
import { encode, decode, normalize } from "./wire.mjs";

const bundle = process.argv[2];
const exit = process.exit.bind(process); // kept before the submission can replace process.exit
// Signals: unprivileged and in its own session already; this also covers grading without root.
for (const key of ["kill", "_kill"]) {
  Object.defineProperty(process, key, { value: () => { throw new Error("process.kill is not available while grading"); }, writable: false, configurable: false });
}

/** Writes a whole line to fd 3, retrying while the pipe is full. */
function report(/** @type {unknown} */ msg) {
  const buf = Buffer.from(encode(msg) + "\n");
  for (let off = 0; off < buf.length;) {
    try { off += writeSync(3, buf, off); } catch (e) { if (/** @type {{ code?: string }} */ (e).code !== "EAGAIN") throw e; }
  }
}

/** A thrown value as text, even when its getters throw. */
function describe(/** @type {unknown} */ e, withName = false) {
  try { return e instanceof Error ? (withName ? `${e.name}: ${e.message}` : e.message) : String(e); } catch { return "(an error that cannot be printed)"; }
}

const job = /** @type {{ name: string, cases: unknown[][] }} */ (decode(readFileSync(0, "utf8")));
let mod;
try {
  mod = await import(bundle);
} catch (e) {
  report({ importError: describe(e, true) });
  exit(0);
}
report({ loaded: true });
const f = mod[job.name];
if (typeof f !== "function") {
  report({ missing: true });
  exit(0);
}
const outcomes = [];
for (const args of job.cases) {
  try {
    const value = normalize(await f(...args));
    encode(value); // a value that cannot travel (a BigInt, a cycle) is this case's error, not the exercise's
    outcomes.push({ ok: true, value });
  } catch (e) {
    outcomes.push({ ok: false, error: describe(e) });
  }
}
report({ outcomes });
exit(0);
