// A `process` for code bundled into the browser worker (injected by esbuild; cells get the same object as a
// global): the virtual course folder as cwd, no environment, output through console.
import { cwd, chdir } from "./fs.js";

export const process = {
  env: {} as Record<string, string | undefined>,
  argv: ["node", "cell"], platform: "browser", versions: {} as Record<string, string>, version: "",
  cwd, chdir,
  hrtime: Object.assign((prev?: [number, number]) => {
    const t = performance.now() * 1e6, s = Math.floor(t / 1e9), ns = Math.floor(t % 1e9);
    return prev ? [s - prev[0], ns - prev[1]] : [s, ns];
  }, { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) }),
  memoryUsage: () => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 }),
  stdout: { write: (s: string) => { console.log(String(s).replace(/\n$/, "")); return true; }, isTTY: false, columns: 100 },
  stderr: { write: (s: string) => { console.error(String(s).replace(/\n$/, "")); return true; }, isTTY: false },
  exit: (code?: number) => { throw new Error(`process.exit(${code ?? ""}) is not available in the browser`); },
  on: () => process, once: () => process, off: () => process, nextTick: (f: (...a: unknown[]) => void, ...a: unknown[]) => queueMicrotask(() => f(...a)),
};
