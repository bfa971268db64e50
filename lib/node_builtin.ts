// Node's built-in modules without a static `node:` import, so that a browser bundle of lib needs no shim:
// in Node (≥ 20.16) `process.getBuiltinModule` returns one synchronously; in a browser there is none.

/**
 * The built-in module `name` ("node:os", …) when running in Node, else undefined.
 *
 * @example
 * typeof nodeBuiltin("node:os"); // => "object"
 */
export function nodeBuiltin<T = Record<string, unknown>>(name: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return proc?.getBuiltinModule?.(name) as T | undefined;
}

/** The environment variables in Node; undefined in a browser. */
export const processEnv = (): Record<string, string | undefined> | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;

/** An environment variable in Node; undefined in a browser. */
export const envVar = (name: string): string | undefined => processEnv()?.[name];
