// The backend a page's Web Worker runs lib on, shared by the lessons' worker and the training page's.
import { useBackend } from "../../lib/backend/index.js";
import { matmul } from "../../lib/index.js";

/**
 * lib picks the readable backend where `SharedArrayBuffer` is not a global (a page without cross-origin
 * isolation), but a worker can still make shared WebAssembly memory (measured in Chromium): the WebAssembly
 * kernels then run here on one thread, as in the kernel. Readable where they fail. Returns the one chosen.
 */
export function chooseBackend(): string {
  try {
    useBackend("wasm");
    const p = matmul([[1, 2], [3, 4]], [[5], [6]]).toArray(); // (2, 1)
    if (p[0][0] === 17 && p[1][0] === 39) return "wasm";
  } catch { /* no shared WebAssembly memory here */ }
  useBackend("readable");
  return "readable";
}
