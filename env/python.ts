// The project-local Python environment, `.venv`: made with the system's `python3 -m venv` (no root) and filled
// from requirements/jupyter.txt with `pip install --require-hashes`. A stamp of the lock's hash lets a second
// run skip pip entirely.
import { $ } from "zx";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lockFile, venvDir } from "./paths.js";

const windows = process.platform === "win32";
/** The interpreter inside .venv; what VS Code should be pointed at. */
export const venvPython = windows ? path.join(venvDir, "Scripts", "python.exe") : path.join(venvDir, "bin", "python");
export const venvBin = path.dirname(venvPython);
const stampFile = path.join(venvDir, ".attention-kit-lock");
/** The oldest Python the lock resolves for (jupyterlab 4.6 needs 3.10). */
export const MIN_PYTHON: [number, number] = [3, 10];

/** One message, with the fix for each platform, for a machine without a usable python3 or its venv module. */
export function missingPythonMessage(found?: string): string {
  return `${found ? `${found}; ` : ""}the course's Jupyter needs Python ${MIN_PYTHON.join(".")} or newer with its venv module. Install it, then run the command again:
  Debian/Ubuntu: sudo apt-get install -y python3 python3-venv
  macOS:         brew install python   (or the installer from https://www.python.org/downloads/)
  Windows:       winget install Python.Python.3.12   (then open a new terminal)
Nothing else needs root: Jupyter itself is installed from PyPI into the project's .venv.`;
}

const lockHash = () => createHash("sha256").update(readFileSync(lockFile)).digest("hex");

/** True when .venv exists and holds exactly what the lock says (the stamp matches): no pip needed. */
export function venvCurrent(): boolean {
  return existsSync(venvPython) && existsSync(path.join(venvDir, "package.json")) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === lockHash();
}

/** The system Python that makes .venv: $PYTHON, else python3 (python or py -3 on Windows); throws with the fix. */
export async function basePython(): Promise<string[]> {
  const candidates = [process.env.PYTHON ? [process.env.PYTHON] : [], ["python3"], ...(windows ? [["python"], ["py", "-3"]] : [])].filter((c) => c.length);
  let seen = "python3 was not found";
  for (const [cmd, ...args] of candidates) {
    const probe = "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])";
    const r = await $({ nothrow: true, quiet: true })`${cmd} ${args} -c ${probe}`.catch(() => null);
    if (!r || r.exitCode !== 0) {
      if (r && /venv|ensurepip/.test(r.stderr)) seen = `${cmd} has no venv module (ensurepip)`;
      continue;
    }
    const [major, minor] = r.stdout.trim().split(".").map(Number);
    if (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]) return [cmd, ...args];
    seen = `${cmd} is Python ${major}.${minor}`;
  }
  throw new Error(missingPythonMessage(seen));
}

/**
 * Makes .venv current: creates it if missing, then installs the lock when the stamp differs. Returns the
 * interpreter. `log` gets one line per step that does work (nothing when .venv is already current).
 */
export async function ensureVenv(log: (line: string) => void = (l) => console.error(l)): Promise<string> {
  if (venvCurrent()) return venvPython;
  if (!existsSync(venvPython)) {
    const base = await basePython();
    log(`[setup] creating the project's Python environment: ${base.join(" ")} -m venv .venv`);
    const made = await $({ nothrow: true, quiet: true })`${base} -m venv ${venvDir}`;
    if (made.exitCode !== 0) throw new Error(missingPythonMessage(`${base.join(" ")} -m venv failed: ${made.stderr.trim().split("\n").pop()}`));
  }
  log("[setup] installing Jupyter into .venv from requirements/jupyter.txt (pip, hashes checked; ~2 min the first time)…");
  const t0 = performance.now();
  const pip = await $({ nothrow: true, quiet: true, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } })`${venvPython} -m pip install --quiet --require-hashes --no-deps -r ${lockFile}`;
  if (pip.exitCode !== 0) {
    throw new Error(`pip could not install requirements/jupyter.txt into .venv:\n${pip.stderr.split("\n").filter((l) => !/^WARNING: Location/.test(l)).join("\n").slice(-3000)}\n`
      + "Check the connection to PyPI and run the command again (delete .venv to start over).");
  }
  // The project's package.json says "type": "module"; without this, Node would read the CommonJS .js files that
  // Python packages ship (JupyterLab runs jupyter_builder's yarn.js at start) as ES modules and fail.
  writeFileSync(path.join(venvDir, "package.json"), '{ "type": "commonjs" }\n');
  writeFileSync(stampFile, `${lockHash()}\n`);
  log(`[setup] .venv ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return venvPython;
}
