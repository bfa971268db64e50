// Running one cell: check (or take the cached check), load its imports, run the rewritten body in the
// kernel's global scope, and return its last value. Errors come back as JupyterError.
import vm from "node:vm";
import { writeSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { cellScript, installRuntime, runCell } from "../cell/run.js";
import { cellLines } from "../cell/lines.js";
import { CheckClient } from "./check_client.js";
import { ModuleLoader } from "./modules.js";
import { compileError, runtimeError, type CellSource, type JupyterError } from "./traceback.js";

export class CellError extends Error {
  constructor(readonly error: JupyterError) { super(error.evalue); }
}

const interrupted = () => ({ ename: "Interrupt", evalue: "execution interrupted (Kernel → Interrupt)", traceback: ["Interrupt: execution interrupted (Kernel → Interrupt)"] });
class Interrupted extends Error {}

export class Executor {
  readonly checker: CheckClient;
  readonly modules: ModuleLoader;
  private readonly cells = new Map<string, CellSource>();
  private interruptNow: (() => void) | null = null;
  /** An interrupt that came while the cell was still being checked or loading its imports. */
  private interruptPending = false;
  private runs = 0;

  constructor(readonly cwd: string, private readonly warn: (text: string) => void) {
    this.checker = new CheckClient(cwd);
    this.modules = new ModuleLoader(cwd);
    const notebook = process.env.JPY_SESSION_NAME ? path.resolve(cwd, process.env.JPY_SESSION_NAME) : path.join(cwd, "notebook.ipynb");
    installRuntime({
      meta: { url: pathToFileURL(notebook).href, filename: notebook, dirname: cwd, resolve: (s: string) => new URL(s, pathToFileURL(notebook)).href },
      dynamicImport: (spec: string) => this.modules.load(spec),
    });
  }

  /** Runs `code`; `label` names the cell in tracebacks (e.g. "Cell In[3]"). */
  async execute(code: string, label: string): Promise<unknown> {
    const changed = this.modules.changedFiles();
    if (changed.length > 0) {
      this.warn(`Note: ${changed.join(", ")} changed on disk since this kernel loaded ${changed.length > 1 ? "them" : "it"}; imports now read the new version. Values made earlier still use the old code: restart the kernel if results look mixed.\n`);
    }
    this.interruptPending = false;
    const t0 = performance.now();
    const checked = await this.checker.check(code);
    const t1 = performance.now();
    if (checked.diagnostics.length > 0 || !checked.run) throw new CellError(compileError(checked.diagnostics, label));
    const run = checked.run;
    const filename = path.join(this.cwd, `<${label}>#${++this.runs}`);
    const { firstLineShift, bodyLines } = cellScript(run);
    this.cells.set(filename, { filename, label, cellLine: cellLines(run.sourceMap), firstLineShift, bodyLines });
    try {
      let { result } = await runCell(run, {
        load: (spec) => this.modules.load(spec),
        beforeRun: () => {
          if (process.env.KERNEL_DEBUG) writeSync(2, `[kernel] ${label}: check ${(t1 - t0).toFixed(0)} ms, imports ${(performance.now() - t1).toFixed(0)} ms\n`); // fd 2: process.stderr goes to the notebook
          if (this.interruptPending) throw new Interrupted();
        },
        evaluate: (script) => vm.runInThisContext(script.source, { filename, breakOnSigint: true }),
      });
      if (run.isAsync) result = await this.interruptible(result as Promise<unknown>);
      return result;
    } catch (e) {
      if (e instanceof Interrupted || (e instanceof Error && /Script execution (was )?interrupted/.test(e.message))) throw new CellError(interrupted());
      throw new CellError(runtimeError(e, this.cells, this.cwd));
    }
  }

  /** An error thrown outside a cell's run (a timer, a callback) as Jupyter shows errors: cell lines, no internals. */
  describe(e: unknown): JupyterError {
    return runtimeError(e, this.cells, this.cwd);
  }

  private interruptible(p: Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.interruptNow = () => reject(new Interrupted());
      p.then(resolve, reject).finally(() => { this.interruptNow = null; });
    });
  }

  /** SIGINT or interrupt_request: a waiting cell fails with Interrupt (a busy loop is stopped by breakOnSigint). */
  interrupt(): void {
    this.interruptPending = true;
    this.interruptNow?.();
  }
}
