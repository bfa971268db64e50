// node:assert/strict in the browser worker: the calls the notebooks make (ok, equal, notEqual, deepEqual,
// throws, match and their strict names), failing with an AssertionError that says what differed.
import { inspect } from "./util.js";

export class AssertionError extends Error {
  override name = "AssertionError";
  constructor(message: string, readonly actual?: unknown, readonly expected?: unknown, readonly operator?: string) { super(message); }
}
const show = (v: unknown) => inspect(v, { depth: 4, breakLength: 80 });
const fail = (message: string | Error | undefined, fallback: string, actual?: unknown, expected?: unknown, operator?: string): never => {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback, actual, expected, operator);
};

function deepEq(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEq(v, b.get(k)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `The expression evaluated to a falsy value:\n\n  assert.ok(${show(value)})\n`, value, true, "==");
}
export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n\n${show(actual)} !== ${show(expected)}\n`, actual, expected, "strictEqual");
}
export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected, "notStrictEqual");
}
export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!deepEq(actual, expected)) fail(message, `Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ ${show(actual)}\n- ${show(expected)}`, actual, expected, "deepStrictEqual");
}
export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEq(actual, expected)) fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected, "notDeepStrictEqual");
}
export function match(s: string, re: RegExp, message?: string | Error): void {
  if (!re.test(s)) fail(message, `The input did not match the regular expression ${re}. Input:\n\n${show(s)}\n`, s, re, "match");
}
export function throws(fn: () => unknown, expected?: RegExp | ((e: unknown) => boolean) | (new (...a: never[]) => unknown) | object | string, message?: string | Error): void {
  try { fn(); } catch (e) {
    if (expected instanceof RegExp && !expected.test(e instanceof Error ? e.message : String(e)) && !expected.test(String(e))) fail(message, `The input did not match the regular expression ${expected}. Input:\n\n${show(String(e))}\n`, e, expected, "throws");
    else if (typeof expected === "function" && expected.prototype !== undefined && !(e instanceof (expected as new () => unknown)) && (expected as (e: unknown) => boolean)(e) !== true) fail(message, "The error did not pass the validation function", e, expected, "throws");
    else if (expected && typeof expected === "object" && !(expected instanceof RegExp)) {
      for (const [k, v] of Object.entries(expected)) {
        const got = (e as Record<string, unknown>)[k];
        if (v instanceof RegExp ? !v.test(String(got)) : !deepEq(got, v)) fail(message, `Expected values to be strictly deep-equal: ${k} ${show(got)} vs ${show(v)}`, e, expected, "throws");
      }
    }
    return;
  }
  fail(typeof expected === "string" ? expected : message, "Missing expected exception.", undefined, expected, "throws");
}
export async function rejects(p: Promise<unknown> | (() => Promise<unknown>), message?: string | Error): Promise<void> {
  try { await (typeof p === "function" ? p() : p); } catch { return; }
  fail(message, "Missing expected rejection.");
}
export function doesNotThrow(fn: () => unknown, message?: string | Error): void {
  try { fn(); } catch (e) { fail(message, `Got unwanted exception.\nActual message: "${e instanceof Error ? e.message : String(e)}"`, e, undefined, "doesNotThrow"); }
}
export const strictEqual = equal, notStrictEqual = notEqual, deepStrictEqual = deepEqual, notDeepStrictEqual = notDeepEqual;
const assert = Object.assign((value: unknown, message?: string | Error) => ok(value, message), {
  ok, equal, notEqual, deepEqual, notDeepEqual, match, throws, rejects, doesNotThrow, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, AssertionError,
  fail: (message?: string) => fail(message, "Failed"),
  strict: undefined as unknown,
});
assert.strict = assert;
export default assert;
