// Runs a script of requests against one project kernel through jupyter_client (client.py), for the kernel
// tests: each step's reply and the iopub messages of its request, up to its idle status.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { $ } from "zx";
import { jupyterEnv, jupyterPython, root } from "../../env/jupyter.js";

export interface Step { reply: Record<string, any>; iopub: { type: string; content: Record<string, any> }[] }
export const here = path.join(root, "test", "kernel");

let python: string | null = null;
export async function kernelPython(): Promise<string> {
  return (python ??= jupyterPython());
}

export async function runScript(cwd: string, steps: object[]): Promise<Step[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "kernel-test-"));
  try {
    writeFileSync(path.join(dir, "script.json"), JSON.stringify({ cwd, steps }));
    const out = await $({ env: jupyterEnv(), quiet: true })`${await kernelPython()} ${path.join(here, "client.py")} ${path.join(dir, "script.json")}`;
    return JSON.parse(out.stdout).slice(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const exec = (code: string, extra: object = {}) => ({ op: "execute", code, ...extra });
export const result = (s: Step) => s.iopub.find((m) => m.type === "execute_result")?.content;
export const errorMsg = (s: Step) => s.iopub.find((m) => m.type === "error")?.content;
export const stream = (s: Step, name: string) => s.iopub.filter((m) => m.type === "stream" && m.content.name === name).map((m) => m.content.text).join("");
