// `npm start`: installs what is missing, then serves the course on localhost with notebooks/ open and the
// TypeScript kernel preselected. Extra arguments go to Jupyter (e.g. `npm start -- --no-browser --port 9000`);
// `--classic` picks the classic Notebook even where JupyterLab is installed (the browser test drives that UI).
import { $ } from "zx";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ensureJupyter, jupyterEnv, root } from "./lib/jupyter.js";

let jupyter;
try {
  jupyter = await ensureJupyter({ classic: process.argv.includes("--classic") });
} catch (e) {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
}
// After an install the kernel's type-check cache is empty and a notebook's first import would type-check the
// library (~2-4 s); warm it once here, so a student's first cell starts at once.
const checked = path.join(root, "node_modules", ".cache", "attention-kit-kernel", "clean-files.json");
if (!existsSync(checked)) {
  console.log("[start] first run: the kernel type-checks the library once (~5 s)…");
  const notebooks = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(root, "notebooks", f));
  const warm = await $({ env: jupyterEnv(), nothrow: true, quiet: true })`${jupyter.python} ${path.join(root, "scripts", "warm_kernel.py")} ${notebooks}`;
  if (warm.exitCode !== 0) console.error(`[start] warming the kernel failed (the first cell will just be slower):\n${warm.stderr.slice(-2000)}`);
}
const extra = process.argv.slice(2).filter((a) => a !== "--classic");
const args = [
  "-m", jupyter.app === "lab" ? "jupyterlab" : "notebook",
  ...(extra.some((a) => a.startsWith("--notebook-dir")) ? [] : [`--notebook-dir=${path.join(root, "notebooks")}`]),
  "--ip=127.0.0.1",
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...extra,
];
console.log(`[start] Jupyter ${jupyter.app === "lab" ? "Lab" : "Notebook"} from ${jupyter.python}; kernel "TypeScript (attention kit)" from .jupyter/`);
console.log("[start] open the URL printed below (with its token) if no browser opens; stop with Ctrl+C.");
const server = $({ env: jupyterEnv(), stdio: "inherit", nothrow: true })`${jupyter.python} ${args}`;
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
process.exit((await server).exitCode ?? 0);
