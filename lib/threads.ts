// How many threads lib may use: ATTENTION_THREADS (any count ≥ 1; 1 = this thread only) or one per core, at
// most 2 (lib shares work between the main thread and one worker). The GEMM worker and data-parallel training
// each start from this default and keep their own setting.
import { nodeBuiltin, envVar } from "./node_builtin.js";

/**
 * 1 or 2: the thread count lib uses unless told otherwise.
 *
 * @example
 * [1, 2].includes(defaultThreads()); // => true
 */
export function defaultThreads(): 1 | 2 {
  const env = Number(envVar("ATTENTION_THREADS"));
  if (Number.isInteger(env) && env >= 1) return env === 1 ? 1 : 2;
  const os = nodeBuiltin<{ availableParallelism(): number }>("node:os");
  const cores = os?.availableParallelism() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return cores >= 2 ? 2 : 1;
}
