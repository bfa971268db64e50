// The kernel's TypeScript entry points as plain JS: esbuild bundles kernel/<entry>.ts into
// node_modules/.cache/attention-kit-kernel/<entry>.mjs whenever a source it was built from (kernel/, cell/,
// lib/plot/display.ts; listed beside the bundle) or any kernel/*.ts is newer than the bundle (~0.1 s, once),
// so starting loads one JS file (tsx would add ~0.2-0.4 s to every start).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = import.meta.dirname;
const mtime = (f) => { try { return statSync(f).mtimeMs; } catch { return -1; } };

/** URL of the up-to-date bundle of kernel/<name>.ts. */
export function bundled(name) {
  // Named after this folder too: the bundle holds absolute paths, so a moved checkout builds its own.
  const tag = createHash("sha1").update(here).digest("hex").slice(0, 8);
  const out = path.join(here, "..", "node_modules", ".cache", "attention-kit-kernel", `${name}-${tag}.mjs`);
  let inputs = [];
  try { inputs = JSON.parse(readFileSync(`${out}.inputs.json`, "utf8")); } catch { /* first build */ }
  const sources = [...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => path.join(here, f)), ...inputs];
  const times = sources.map(mtime); // -1: an input is gone (renamed or deleted), so rebuild
  if (inputs.length === 0 || times.includes(-1) || mtime(out) < Math.max(...times)) {
    mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.${Date.now()}.mjs`;
    const { metafile } = createRequire(import.meta.url)("esbuild").buildSync({
      entryPoints: [path.join(here, `${name}.ts`)], outfile: tmp, bundle: true, platform: "node", format: "esm", target: "node20",
      packages: "external", sourcemap: "inline", logLevel: "error", metafile: true, absWorkingDir: path.join(here, ".."),
      // The bundle lives elsewhere: the kernel's files find their siblings (worker, hooks, typescript) from here.
      define: { "import.meta.dirname": JSON.stringify(here), "import.meta.url": JSON.stringify(pathToFileURL(path.join(here, `${name}.ts`)).href) },
    });
    writeFileSync(`${tmp}.inputs.json`, JSON.stringify(Object.keys(metafile.inputs).map((f) => path.resolve(here, "..", f))));
    renameSync(`${tmp}.inputs.json`, `${out}.inputs.json`);
    renameSync(tmp, out);
  }
  return pathToFileURL(out).href;
}
