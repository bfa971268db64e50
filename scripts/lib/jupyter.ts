// Finding (or installing) a Jupyter that can run the course, shared by `npm start` and `npm test`.
import { $ } from "zx";
import { existsSync } from "node:fs";
import path from "node:path";
import { aptInstall, canAptInstall } from "./apt.js";

export const root = path.resolve(import.meta.dirname, "../..");
/** Our kernelspec lives here; JUPYTER_PATH makes it visible without touching anything global. */
export const jupyterPath = path.join(root, ".jupyter");
export const kernelName = "tslab-attention";

export interface Jupyter {
  python: string;
  app: "lab" | "notebook";
}

const APT_PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient", "python3-ipykernel", "python3-jupyter-kernel-test"];
export const installHint = `sudo apt-get install -y ${APT_PACKAGES.join(" ")}   (Debian/Ubuntu)\n  or: python3 -m pip install jupyterlab nbclient nbconvert ipykernel`;

async function has(python: string, module: string): Promise<boolean> {
  return (await $({ nothrow: true, quiet: true })`${python} -c ${`import ${module}`}`).exitCode === 0;
}

/** Pythons to try: the first on PATH, then Debian's (the PATH one may be a pyenv that cannot see apt's packages). */
async function pythons(): Promise<string[]> {
  const onPath = (await $({ nothrow: true, quiet: true })`command -v python3`).stdout.trim();
  return [...new Set([onPath, "/usr/bin/python3"].filter((p) => p && existsSync(p)))];
}

/** A Python with a notebook server (JupyterLab preferred) and nbclient, or null. */
export async function findJupyter(opts: { classic?: boolean } = {}): Promise<Jupyter | null> {
  for (const app of opts.classic ? (["notebook"] as const) : (["lab", "notebook"] as const)) {
    for (const python of await pythons()) {
      if ((await has(python, app === "lab" ? "jupyterlab" : "notebook")) && (await has(python, "nbclient"))) return { python, app };
    }
  }
  return null;
}

/** findJupyter, installing Debian's Jupyter first when we are root on Debian/Ubuntu. Throws with the command to run otherwise. */
export async function ensureJupyter(opts: { classic?: boolean } = {}): Promise<Jupyter> {
  const found = await findJupyter(opts);
  if (found) return found;
  if (canAptInstall()) {
    await aptInstall(APT_PACKAGES, "Jupyter not found; installing Debian's (~1 min)");
    const again = await findJupyter(opts);
    if (again) return again;
  }
  throw new Error(`Jupyter (a notebook server and nbclient) was not found. Install it with:\n  ${installHint}`);
}

/** The environment every Jupyter process of the course runs with. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  const prev = process.env.JUPYTER_PATH;
  return { ...process.env, JUPYTER_PATH: prev ? `${jupyterPath}${path.delimiter}${prev}` : jupyterPath };
}
