// The course's Jupyter: JupyterLab, Notebook 7, nbclient and nbconvert in .venv (python.ts), and the course's
// kernelspec installed into .venv/share/jupyter/kernels/, where Jupyter and VS Code look for that interpreter.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root, venvDir } from "./paths.js";
import { ensureVenv, venvBin, venvCurrent, venvPython } from "./python.js";

export { root };
export const kernelName = "tslab-attention";
export const kernelDisplayName = "TypeScript (attention kit)";
export const kernelspecDir = path.join(venvDir, "share", "jupyter", "kernels", kernelName);

/** kernel.json: this Node (absolute, so a VS Code started from a desktop icon finds it) runs kernel/start.mjs. */
export function kernelSpec(node = process.execPath): object {
  return {
    argv: [node, path.join(root, "kernel", "start.mjs"), "{connection_file}"],
    display_name: kernelDisplayName,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/** Writes the kernelspec into .venv when it differs (a moved checkout or another Node rewrites it). */
export function installKernelspec(): void {
  const file = path.join(kernelspecDir, "kernel.json");
  const text = `${JSON.stringify(kernelSpec(), null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  mkdirSync(kernelspecDir, { recursive: true });
  writeFileSync(file, text);
}

/** JupyterLab settings for every user of .venv: no news or update checks (the course runs offline). */
export function installLabSettings(): void {
  const file = path.join(venvDir, "share", "jupyter", "lab", "settings", "overrides.json");
  const text = `${JSON.stringify({ "@jupyterlab/apputils-extension:notification": { checkForUpdates: false, fetchNews: "false" } }, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** .venv current and the kernelspec in it; returns the interpreter to run Jupyter with. */
export async function ensureJupyter(log?: (line: string) => void): Promise<string> {
  const python = await ensureVenv(log);
  installKernelspec();
  installLabSettings();
  return python;
}

/** The .venv interpreter for a test or the site build, which never install: throws with what to run instead. */
export function jupyterPython(): string {
  if (!venvCurrent()) throw new Error("the project's Jupyter (.venv) is missing or older than requirements/jupyter.txt: run `npm test` or `npm start` once, which install it");
  installKernelspec();
  installLabSettings();
  return venvPython;
}

/** The environment every Jupyter process of the course runs with: .venv's bin first on PATH. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${venvBin}${path.delimiter}${process.env.PATH ?? ""}`, JUPYTER_PLATFORM_DIRS: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}
