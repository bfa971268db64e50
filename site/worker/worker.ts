// The Web Worker that runs a lesson's cells (the page's main thread only edits and draws), a host of the
// shared cell/ module as the kernel is: each cell is type-checked (checker.ts), compiled by cell/compile.ts
// and run by cell/run.ts, so its top-level names become globals of this worker (later cells see them,
// re-running works); the last value comes back as Out[n] through cell/value.ts; top-level await works; errors
// name the cell's line (cell/lines.ts, cell/errors.ts). Output is batched and capped (outputs.ts); a chart
// goes through lib/plot's display host. The page ends a runaway cell by terminating this worker.
import { cellLines, cellScript, compileCell, installRuntime, runCell, valueBundle } from "../../cell/index.js";
import { compileError } from "../../cell/errors.js";
import { setDisplayHost } from "../../lib/plot/display.js";
import { chooseBackend } from "./choose_backend.js";
import { inspect } from "./shims/util.js";
import { CellChecker } from "./checker.js";
import { exerciseSources, loadModule } from "./modules.js";
import { mountCourseFiles } from "./shims/fs.js";
import { process as processShim } from "./shims/process.js";
import { GraderTypeCheck, checkReport } from "./grader_check.js";
import { Outputs } from "./outputs.js";
import { animal, dates, transformerDate } from "../explorer_data.js";

export type Request =
  | { type: "init"; files: Record<string, string>; types: Record<string, string>; exercises: Record<string, string>; cleanChecks: string[] }
  | { type: "run"; id: number; code: string; count: number; exercises: Record<string, string> }
  | { type: "check"; id: number; file: string; exercises: Record<string, string> }
  | { type: "explore"; id: number; what: "date"; model: "bahdanau" | "transformer"; text: string }
  | { type: "explore"; id: number; what: "animal"; lexicon: Record<string, number[]> };

const post = (m: unknown) => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);
const outputs = new Outputs(post);
const cells = new Map<string, { line: (line: number, column: number) => number | undefined; label: string; bodyLines: number; firstLineShift: number }>();
let runs = 0;
let types: Record<string, string> = {};
let cleanChecks = new Set<string>();
let checker: CellChecker | null = null;
let graderTypes: GraderTypeCheck | null = null;

const g = globalThis as Record<string | symbol, unknown>;
g.process = processShim;
setDisplayHost({ display: (msg) => outputs.display(msg.data) }); // the page has plotly.js and draws the plotly JSON
installRuntime({
  meta: { url: "file:///course/notebooks/notebook.ipynb", filename: "/course/notebooks/notebook.ipynb", dirname: "/course/notebooks", resolve: (s: string) => new URL(s, "file:///course/notebooks/notebook.ipynb").href },
  dynamicImport: async (spec: string) => loadModule(spec),
});
/** The kernel's Out[n] (kernel/display.ts): cell/value.ts with util.inspect's options there. */
const mimeBundle = (v: unknown) => valueBundle(v, (x) => inspect(x, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 }));
for (const level of ["log", "info", "debug", "error", "warn"] as const) {
  const name = level === "error" || level === "warn" ? "stderr" : "stdout";
  console[level] = (...args: unknown[]) => outputs.stream(name, `${formatArgs(args)}\n`);
}
const formatArgs = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : (mimeBundle(a)["text/plain"] as string))).join(" ");

// An exception in a timer or an unawaited promise, after its cell ended: shown under the cell that ran last.
self.addEventListener("error", (e) => { e.preventDefault(); outputs.error(runtimeError((e as ErrorEvent).error ?? new Error((e as ErrorEvent).message), "in a timer or callback")); outputs.flush(); });
self.addEventListener("unhandledrejection", (e) => { e.preventDefault(); outputs.error(runtimeError((e as PromiseRejectionEvent).reason, "in a promise nobody awaited")); outputs.flush(); });

const RUN_FIRST = "defined in an earlier cell? Run the cells above first, or Run all";
/** A name the checker cannot find (TS2304) is most often one a cell above defines, not run yet in this page. */
function withRunFirstHint(e: { ename: string; evalue: string; traceback: string[] }, diagnostics: { code: number }[]) {
  return diagnostics.some((d) => d.code === 2304) ? { ...e, evalue: `${e.evalue} (${RUN_FIRST})`, traceback: [...e.traceback, `(${RUN_FIRST})`] } : e;
}

/** An error with frames of cells only (as the kernel's traceback: `Cell In[3], line 2`), after a note on where. */
function runtimeError(e: unknown, where?: string) {
  if (!(e instanceof Error)) return { ename: "Error", evalue: String(e), traceback: [`Uncaught ${String(e)}${where ? ` (${where})` : ""}`] };
  const frames: string[] = [];
  for (const line of (e.stack ?? "").split("\n")) {
    const m = /(?:at (?:(.*?) \()?|@)(cell-\d+)\.js:(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const cell = cells.get(m[2]);
    if (!cell) continue;
    const line0 = Number(m[3]) - 1, col0 = Math.max(0, Number(m[4]) - 1 - (line0 === 0 ? cell.firstLineShift : 0));
    if (line0 >= cell.bodyLines) continue;
    const fn = m[1] && m[1] !== "__k_cell" && !/anonymous|^eval$/.test(m[1]) ? ` in ${m[1].replace(/^async /, "")}` : "";
    frames.push(`  ${cell.label}, line ${cell.line(line0, col0) ?? line0 + 1}${fn}`);
  }
  const hint = e instanceof ReferenceError && / is not defined$/.test(e.message) ? ` (${RUN_FIRST})` : "";
  return { ename: e.name || "Error", evalue: e.message + hint, traceback: [`${e.name || "Error"}: ${e.message}${hint}${where ? ` (${where})` : ""}`, ...frames] };
}

async function run(id: number, code: string, count: number): Promise<void> {
  const label = `Cell In[${count}]`;
  outputs.begin(id);
  checker ??= new CellChecker(types, cleanChecks);
  checker.setExercises(Object.fromEntries(exerciseSources));
  const diagnostics = checker.check(code);
  if (checker.lastClean && !checker.lastCached) post({ type: "clean-check", key: checker.lastClean }); // the page remembers it
  if (diagnostics.length > 0) { outputs.error(withRunFirstHint(compileError(diagnostics, label), diagnostics)); return; }
  const cell = compileCell(code);
  if (cell.syntaxErrors.length > 0) { outputs.error(compileError(cell.syntaxErrors.map((d) => ({ ...d, file: null, source: code.split("\n")[d.line - 1] ?? "" })), label)); return; }
  const file = `cell-${++runs}`;
  const script = cellScript(cell);
  cells.set(file, { line: cellLines(cell.sourceMap), label, bodyLines: script.bodyLines, firstLineShift: script.firstLineShift });
  try {
    const { result } = await runCell(cell, { load: async (spec) => loadModule(spec), evaluate: (s) => (0, eval)(`${s.source}\n//# sourceURL=${file}.js`) });
    const value = cell.isAsync ? await result : result;
    if (value !== undefined) outputs.result(count, mimeBundle(value));
  } catch (e) {
    outputs.error(runtimeError(e));
  }
}

self.addEventListener("message", async (ev: MessageEvent<Request>) => {
  const m = ev.data;
  if ("exercises" in m) for (const [f, text] of Object.entries(m.exercises)) exerciseSources.set(f, text);
  if (m.type === "init") {
    mountCourseFiles(m.files); types = m.types; cleanChecks = new Set(m.cleanChecks ?? []);
    post({ type: "ready", relaxedSimd: relaxedSimd(), backend: chooseBackend() });
    // the type checker parses its libraries now, in the time before the first Run arrives (a Run that arrives
    // meanwhile waits for it, as it would have done the same work itself); not where this browser has clean
    // checks to reuse, whose Runs may need no TypeScript at all
    if (cleanChecks.size === 0) setTimeout(() => { checker ??= new CellChecker(types, cleanChecks); checker.warm(); }, 0);
    return;
  }
  if (m.type === "explore") {
    // the explorer's own input, computed as site/explorer_data.ts computes the built-in examples
    try {
      const example = m.what === "animal" ? animal(m.lexicon) : m.model === "transformer" ? transformerDate("/course", m.text) : dates("/course", [m.text])[0];
      post({ type: "explored", id: m.id, example });
    } catch (e) { post({ type: "explored", id: m.id, error: e instanceof Error ? e.message : String(e) }); }
    return;
  }
  const t0 = performance.now();
  if (m.type === "run") await run(m.id, m.code, m.count);
  else if (m.type === "check") {
    outputs.begin(m.id);
    graderTypes ??= new GraderTypeCheck(types);
    const load = () => loadModule(`../exercises/${m.file.replace(/\.ts$/, ".js")}`) as Record<string, unknown>;
    try { outputs.stream("stdout", `${checkReport(m.file, exerciseSources.get(m.file) ?? "", graderTypes, load)}\n`); } catch (e) { outputs.error(runtimeError(e)); }
  }
  outputs.end(performance.now() - t0);
});

/** Whether this browser validates relaxed SIMD (then matmul uses the fused multiply-add kernel). */
function relaxedSimd(): boolean {
  // i32x4.relaxed_trunc_f32x4_s in a minimal function: (func (result v128) v128.const 0 relaxed_trunc)
  const bytes = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 24, 1, 22, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 253, 129, 2, 11);
  try { return WebAssembly.validate(bytes); } catch { return false; }
}
