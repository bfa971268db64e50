// Which backend lib's operations run on: "wasm" (the default where shared WebAssembly memory exists) or
// "readable" (plain TypeScript loops). ATTENTION_BACKEND=readable|wasm picks one for a whole process;
// `useBackend` switches at run time (tests run every op on both). Results agree bit for bit between them,
// except `matmul`'s large products, which the wasm backend computes with fused multiply-adds.
import { envVar } from "../node_builtin.js";
import type { Backend, BackendName } from "./backend.js";
import { readable } from "./readable/index.js";
import { wasm } from "./wasm/index.js";

export type { Backend, BackendName, HeadsInput, AttendShape } from "./backend.js";
const backends: Record<BackendName, Backend> = { readable, wasm };

function byName(name: string, from: string): Backend {
  if (name !== "readable" && name !== "wasm") throw new Error(`${from}: unknown backend ${JSON.stringify(name)}; use "readable" or "wasm"`);
  return backends[name as BackendName];
}

// A browser page that is not cross-origin isolated has no SharedArrayBuffer, so no shared WebAssembly memory.
let active = byName(envVar("ATTENTION_BACKEND") || (typeof SharedArrayBuffer === "function" ? "wasm" : "readable"), "ATTENTION_BACKEND");

/** The backend lib's operations run on now. */
export const backend = (): Backend => active;

/**
 * Makes `name` the backend for every operation from now on; returns the previous one's name.
 *
 * @example
 * const before = useBackend("readable");
 * useBackend(before); // => "readable"
 */
export function useBackend(name: BackendName): BackendName {
  const previous = active.name;
  active = byName(name, "useBackend");
  return previous;
}
