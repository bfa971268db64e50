// Launches the kernel: node kernel/start.mjs CONNECTION_FILE (see .jupyter/kernels/). The kernel's
// TypeScript sources are bundled by esbuild into node_modules/.cache/attention-kit-kernel/kernel.mjs
// whenever one of them is newer than the bundle (~0.1 s, once), so a start loads one plain JS file
// (measured: tsx alone would add ~0.2-0.4 s to every start).
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = import.meta.dirname;
const bundle = path.join(here, "..", "node_modules", ".cache", "attention-kit-kernel", "kernel.mjs");
const mtime = (f) => { try { return statSync(f).mtimeMs; } catch { return -1; } };
const newest = Math.max(...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => mtime(path.join(here, f))));
if (mtime(bundle) < newest) {
  mkdirSync(path.dirname(bundle), { recursive: true });
  const tmp = `${bundle}.${process.pid}.mjs`;
  createRequire(import.meta.url)("esbuild").buildSync({
    entryPoints: [path.join(here, "main.ts")], outfile: tmp, bundle: true, platform: "node", format: "esm", target: "node20",
    packages: "external", sourcemap: "inline", logLevel: "error",
    // The bundle lives elsewhere: the kernel's files find their siblings (worker, hooks, typescript) from here.
    define: { "import.meta.dirname": JSON.stringify(here), "import.meta.url": JSON.stringify(pathToFileURL(path.join(here, "main.ts")).href) },
  });
  (await import("node:fs")).renameSync(tmp, bundle);
}
process.setSourceMapsEnabled(true); // stack traces of project files point at their TypeScript lines
await import(pathToFileURL(bundle).href);
