// Runs a test once per backend ("[readable] title", "[wasm] title"), with that backend active for the whole
// test: every op's suite checks both. Serial, so no other test switches the backend meanwhile.
import test, { type ExecutionContext } from "ava";
import { useBackend, type BackendName } from "../../lib/index.js";

export const BACKENDS: BackendName[] = ["readable", "wasm"];

export function eachBackend(title: string, body: (t: ExecutionContext, backend: BackendName) => void | Promise<void>): void {
  for (const name of BACKENDS) {
    test.serial(`[${name}] ${title}`, async (t) => {
      const before = useBackend(name);
      try {
        await body(t, name);
      } finally {
        useBackend(before);
      }
    });
  }
}
