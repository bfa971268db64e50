// `npm start`: makes .venv current (requirements/jupyter.txt; no pip when the lock is already installed), puts
// the course's kernelspec in it, then serves JupyterLab on notebooks/ at 127.0.0.1. `--notebook` serves
// Notebook 7 instead; the other options declared below go on to Jupyter (e.g. `npm start -- --no-browser --port 9000`).
import { $ } from "zx";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ensureJupyter, jupyterEnv } from "../env/jupyter.js";
import { notebooksDir, root } from "../env/paths.js";
import { scriptOptions } from "./options.js";

const bool = ["True", "False"] as const;
const { notebook, _, ...jupyter } = scriptOptions("start", { notebook: "flag", port: "integer", "no-browser": "flag", "ServerApp.root_dir": "value",
  "IdentityProvider.token": "value", "LabApp.expose_app_in_browser": bool, "JupyterNotebookApp.expose_app_in_browser": bool });
const app = notebook ? "notebook" : "jupyterlab";
const extra = Object.entries(jupyter).map(([k, v]) => (v === true ? `--${k}` : `--${k}=${v}`)); // passed on as given
let python: string;
try {
  python = await ensureJupyter((line) => console.log(line));
} catch (e) {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
}
// After an install the kernel's type-check cache is empty and a notebook's first import would type-check the
// library (~2-4 s); warm it once here, so a student's first cell starts at once.
const checked = path.join(root, "node_modules", ".cache", "attention-kit-kernel", "clean-files.json");
if (!existsSync(checked)) {
  console.log("[start] first run: the kernel type-checks the library once (~5 s)…");
  const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(notebooksDir, f));
  const warm = await $({ env: jupyterEnv(), nothrow: true, quiet: true })`${python} ${path.join(root, "scripts", "warm_kernel.py")} ${notebooks}`;
  if (warm.exitCode !== 0) console.error(`[start] warming the kernel failed (the first cell will just be slower):\n${warm.stderr.slice(-2000)}`);
}
const args = [
  "-m", app,
  ...(jupyter["ServerApp.root_dir"] ? [] : [`--ServerApp.root_dir=${notebooksDir}`]),
  "--ip=127.0.0.1",
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...extra,
];
console.log(`[start] ${app === "notebook" ? "Notebook 7" : "JupyterLab"} from .venv; kernel "TypeScript (attention kit)" from .venv/share/jupyter/kernels/`);
console.log("[start] open the URL printed below (with its token) if no browser opens; stop with Ctrl+C.");
const server = $({ env: jupyterEnv(), stdio: "inherit", nothrow: true })`${python} ${args}`;
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
process.exit((await server).exitCode ?? 0);
