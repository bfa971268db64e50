// The kernel's TypeScript entry points as plain JS: esbuild bundles kernel/<entry>.ts into
// node_modules/.cache/attention-kit-kernel/<entry>.mjs whenever a source in kernel/ is newer than the
// bundle (~0.1 s, once), so starting loads one JS file (tsx would add ~0.2-0.4 s to every start).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
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
  const newest = Math.max(...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => mtime(path.join(here, f))));
  if (mtime(out) < newest) {
    mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.${Date.now()}.mjs`;
    createRequire(import.meta.url)("esbuild").buildSync({
      entryPoints: [path.join(here, `${name}.ts`)], outfile: tmp, bundle: true, platform: "node", format: "esm", target: "node20",
      packages: "external", sourcemap: "inline", logLevel: "error",
      // The bundle lives elsewhere: the kernel's files find their siblings (worker, hooks, typescript) from here.
      define: { "import.meta.dirname": JSON.stringify(here), "import.meta.url": JSON.stringify(pathToFileURL(path.join(here, `${name}.ts`)).href) },
    });
    renameSync(tmp, out);
  }
  return pathToFileURL(out).href;
}
