// What a submission may use besides ECMAScript itself when it is type-checked: console, for debugging.
// (No Node types: exercises need no files, processes or modules, and the sandbox allows none.)
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  table(data: unknown): void;
};
