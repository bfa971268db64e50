// Builds the browser side of the live course with esbuild: worker.js (the cell runner, the library,
// TypeScript and the grader's in-page check, all in one Web Worker) and files.js (the files cells read:
// notebooks/data/*.json and the public cases). Node-only modules are replaced by the shims in shims/, and
// lib/plot/show.ts by show.ts (a chart goes to the page through the display host). Until lib has a
// backend seam, lib/gemm runs single-threaded in the worker: the Worker shim refuses to start, so
// pool.ts falls back to one thread; fma.ts compiles the relaxed-SIMD kernel where the browser has it and
// keeps the exact kernel where it does not.
import { build, type Plugin } from "esbuild";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const root = path.resolve(here, "../..");
const shim = (name: string) => path.join(here, "shims", `${name}.ts`);

/** node:… (and the few bare Node names lib uses) → the shims; lib/plot/show.ts → the worker's show. */
export const browserShims: Plugin = {
  name: "attention-kit-browser-shims",
  setup(b) {
    const map: Record<string, string> = {
      "node:worker_threads": shim("worker_threads"), "node:os": shim("os"), "node:v8": shim("v8"),
      "node:fs": shim("fs"), "node:path": shim("path"), "node:util": shim("util"), "node:url": shim("url"),
      "node:assert/strict": shim("assert"), "node:assert": shim("assert"), "node:module": shim("module"),
      "node:zlib": shim("unavailable"), "node:crypto": shim("unavailable"),
    };
    b.onResolve({ filter: /^node:/ }, (a) => {
      if (map[a.path]) return { path: map[a.path] };
      return { errors: [{ text: `browser bundle: ${a.path} (imported by ${path.relative(root, a.importer)}) has no browser shim` }] };
    });
    b.onResolve({ filter: /\/show\.js$/ }, (a) => (path.resolve(a.resolveDir, a.path) === path.join(root, "lib/plot/show.js") ? { path: path.join(here, "show.ts") } : undefined));
  },
};

export interface WorkerBundle { js: string; bytes: number; inputs: string[] }

/** The worker's code as one IIFE script (minified), and the source files it holds (for the no-solutions test). */
export async function bundleWorker(minify = true): Promise<WorkerBundle> {
  const r = await build({
    entryPoints: [path.join(here, "worker.ts")], bundle: true, write: false, format: "iife", platform: "browser",
    target: "es2022", minify, plugins: [browserShims], metafile: true, logLevel: "silent", legalComments: "none",
    define: { "process.env.ATTENTION_THREADS": "undefined" },
  });
  const js = r.outputFiles[0].text;
  return { js, bytes: Buffer.byteLength(js), inputs: Object.keys(r.metafile!.inputs) };
}

/** The files cells may read through the fs shim, by path under the course root. */
export function courseFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const data = path.join(root, "notebooks", "data");
  for (const f of readdirSync(data).filter((f) => f.endsWith(".json")).sort()) files[`notebooks/data/${f}`] = readFileSync(path.join(data, f), "utf8");
  files["grader/cases/public.json"] = readFileSync(path.join(root, "grader", "cases", "public.json"), "utf8");
  return files;
}
