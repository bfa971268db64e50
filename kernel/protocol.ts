// Messages between the kernel's main thread and its type-checker worker.
import type { CompiledCell } from "../cell/compile.js";
import type { Diagnostic } from "../cell/errors.js";

export type { Diagnostic };

export interface CheckResult {
  diagnostics: Diagnostic[];
  run?: CompiledCell;
  /** Every real file the check read, with its version (mtime:size): the cache is valid while they are unchanged. */
  deps?: [string, string][];
}

export type WorkerRequest =
  | { op: "check"; code: string }
  | { op: "adopt"; code: string; deps: [string, string][] }
  | { op: "complete"; code: string; pos: number }
  | { op: "inspect"; code: string; pos: number }
  | { op: "isComplete"; code: string }
  | { op: "warm" };
