// Builds the browser side of the live course with esbuild: worker.js (the cell runner, the library,
// TypeScript and the grader's in-page check, all in one Web Worker) and files.js (the files cells read:
// notebooks/data/*.json and the public cases). lib itself needs no shim (lib/node_builtin.ts); the grader's
// in-page check and the modules cells import by Node names (node:fs, node:assert/strict, …) get the shims
// in shims/. lib's backend is chosen in the worker (worker.ts chooseBackend).
import { build, type Plugin } from "esbuild";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "../../grader/course_root.js";

const here = import.meta.dirname;
const root = courseRoot;
const shim = (name: string) => path.join(here, "shims", `${name}.ts`);

/** node:… → the shims; a Node module without one fails the build, naming who imports it. */
export const browserShims: Plugin = {
  name: "attention-kit-browser-shims",
  setup(b) {
    const map: Record<string, string> = {
      "node:fs": shim("fs"), "node:path": shim("path"), "node:util": shim("util"),
      "node:assert/strict": shim("assert"), "node:assert": shim("assert"),
    };
    b.onResolve({ filter: /^node:/ }, (a) => {
      if (map[a.path]) return { path: map[a.path] };
      return { errors: [{ text: `browser bundle: ${a.path} (imported by ${path.relative(root, a.importer)}) has no browser shim` }] };
    });
  },
};

export interface WorkerBundle { js: string; bytes: number; inputs: string[] }

/** The worker's code as one IIFE script (minified), and the source files it holds (for the no-solutions test). */
export async function bundleWorker(minify = true): Promise<WorkerBundle> {
  const r = await build({
    entryPoints: [path.join(here, "worker.ts")], bundle: true, write: false, format: "iife", platform: "browser",
    target: "es2022", minify, plugins: [browserShims], metafile: true, logLevel: "silent", legalComments: "none",
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
