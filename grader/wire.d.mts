// Types for grader/wire.mjs (plain JavaScript, because the sandboxed child loads it without a TypeScript loader).
export declare function encode(value: unknown): string;
export declare function decode(line: string): unknown;
export declare function normalize(value: unknown): unknown;
