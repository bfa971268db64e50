// Errors as Jupyter wants them: ename, evalue and a traceback whose frames are the student's code —
// the cell line (through the cell's source map) and project files — never node:internal, node:vm,
// the kernel or its loader.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { JupyterError } from "../cell/errors.js";

export { compileError, type JupyterError } from "../cell/errors.js";

/** A cell that ran: `cellLine` (../cell/lines.ts) maps a 0-based body line and column to the cell's line. */
export interface CellSource { filename: string; label: string; cellLine: (line: number, column: number) => number | undefined; firstLineShift: number; bodyLines: number }

const kernelDir = import.meta.dirname;
const cellDir = path.join(kernelDir, "..", "cell") + path.sep; // the shared cell runner (../cell/run.ts)
const internal = (file: string) => file.startsWith("node:") || file.startsWith(kernelDir) || file.startsWith(cellDir) || file.includes("attention-kit-kernel") || /[/\\]node_modules[/\\](tsx|tslab|zeromq)[/\\]/.test(file) || file === "evalmachine.<anonymous>";

/** One stack line -> readable frame, or null for an internal one. */
function frame(line: string, cells: Map<string, CellSource>, cwd: string): string | null {
  const m = line.match(/^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/);
  if (!m) return line.trim().startsWith("at ") ? null : line;
  const [, fn, rawFile, l, c] = m;
  const file = rawFile.startsWith("file://") ? fileURLToPath(rawFile.replace(/\?.*$/, "")) : rawFile.replace(/^async /, "");
  const where = fn && fn !== "__k_cell" && !/^(<anonymous>|async <anonymous>|Object\.<anonymous>)$/.test(fn) ? ` in ${fn.replace(/^async /, "")}` : "";
  const cell = cells.get(file);
  if (cell) {
    const line0 = Number(l) - 1;
    if (line0 >= cell.bodyLines) return null; // the kernel's call of the cell, on the line after it
    const col0 = Math.max(0, Number(c) - 1 - (line0 === 0 ? cell.firstLineShift : 0));
    const cellLine = cell.cellLine(line0, col0) ?? line0 + 1;
    return `  ${cell.label}, line ${cellLine}${where}`;
  }
  if (internal(file)) return null;
  return `  ${path.isAbsolute(file) ? path.relative(cwd, file) : file}:${l}:${c}${where}`;
}

export function runtimeError(e: unknown, cells: Map<string, CellSource>, cwd: string): JupyterError {
  if (!(e instanceof Error)) return { ename: typeof e === "object" && e !== null ? e.constructor?.name ?? "Error" : "Error", evalue: String(e), traceback: [`Uncaught ${String(e)}`] };
  const ename = e.name || "Error";
  const stackLines = (e.stack ?? "").split("\n");
  const firstFrame = stackLines.findIndex((l) => /^\s+at /.test(l));
  const frames = (firstFrame < 0 ? [] : stackLines.slice(firstFrame)).map((l) => frame(l, cells, cwd)).filter((f): f is string => f !== null);
  return { ename, evalue: e.message, traceback: [`${ename}: ${e.message}`, ...frames] };
}
