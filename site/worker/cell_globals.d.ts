// What a cell may use beyond ES2023 when the page type-checks it (the kernel has @types/node): console,
// timers, performance, structuredClone, process, and the Node modules the notebooks import, as the worker's
// shims provide them.
declare var console: { log(...a: unknown[]): void; info(...a: unknown[]): void; debug(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void; table(...a: unknown[]): void };
declare function setTimeout(f: (...a: any[]) => void, ms?: number, ...a: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(f: (...a: any[]) => void, ms?: number, ...a: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(f: () => void): void;
declare function structuredClone<T>(value: T): T;
declare var performance: { now(): number; timeOrigin: number };
declare var process: { env: Record<string, string | undefined>; argv: string[]; platform: string; cwd(): string; hrtime: { (prev?: [number, number]): [number, number]; bigint(): bigint }; stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean }; memoryUsage(): { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number } };
declare function atob(s: string): string;
declare function btoa(s: string): string;
declare class TextEncoder { encode(s?: string): Uint8Array }
declare class TextDecoder { constructor(label?: string); decode(b?: ArrayBufferView | ArrayBuffer): string }

declare module "node:assert/strict" {
  interface Assert {
    (value: unknown, message?: string | Error): asserts value;
    ok(value: unknown, message?: string | Error): asserts value;
    equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    notEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    throws(block: () => unknown, error?: RegExp | Function | object | Error | string, message?: string | Error): void;
    doesNotThrow(block: () => unknown, message?: string | Error): void;
    rejects(block: (() => Promise<unknown>) | Promise<unknown>, message?: string | Error): Promise<void>;
    match(value: string, regExp: RegExp, message?: string | Error): void;
    fail(message?: string | Error): never;
    strict: Assert;
  }
  const assert: Assert;
  export default assert;
  export const ok: Assert["ok"], equal: Assert["equal"], strictEqual: Assert["strictEqual"], notEqual: Assert["notEqual"], deepEqual: Assert["deepEqual"], deepStrictEqual: Assert["deepStrictEqual"], throws: Assert["throws"], match: Assert["match"];
}
declare module "node:assert" { import assert from "node:assert/strict"; export default assert; }
declare module "node:fs" {
  export function readFileSync(path: string | URL, options: "utf8" | "utf-8" | { encoding: "utf8" | "utf-8" }): string;
  export function readFileSync(path: string | URL): string;
  export function existsSync(path: string | URL): boolean;
  export function readdirSync(path: string | URL): string[];
}
declare module "node:path" {
  export function join(...parts: string[]): string;
  export function resolve(...parts: string[]): string;
  export function dirname(p: string): string;
  export function basename(p: string, ext?: string): string;
  export function extname(p: string): string;
  export function relative(from: string, to: string): string;
  const path: { join: typeof join; resolve: typeof resolve; dirname: typeof dirname; basename: typeof basename; extname: typeof extname; relative: typeof relative };
  export default path;
}
