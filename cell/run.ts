// Running a compiled cell in the global scope of its host (the kernel's Node process, or the page's
// worker): the body becomes one function expression whose source the host evaluates as a script
// (`vm.runInThisContext` in the kernel, indirect eval in a browser), after its imports are loaded.
import type { CompiledCell } from "./compile.js";

/**
 * What a rewritten body reads from `globalThis.__k` (see rewrite.ts): `import.meta` of the notebook,
 * `import()` through the host's loader, and the modules this cell imports (set by `runCell`).
 */
export interface CellRuntime {
  meta: { url: string; filename?: string; dirname?: string; resolve(specifier: string): string };
  dynamicImport(specifier: string): Promise<unknown>;
  mods?: unknown[];
}

/** Publishes the runtime the bodies read, once per host (not enumerable: not a student's name). */
export function installRuntime(runtime: CellRuntime, global: object = globalThis): void {
  Object.defineProperty(global, "__k", { value: runtime, enumerable: false, configurable: true });
}

export interface CellScript {
  /** Script text: evaluating it calls the cell and gives its last value (a promise if the cell awaits). */
  source: string;
  /** Characters before the body on line 1 (stack columns there are shifted by this much). */
  firstLineShift: number;
  /** Lines of the body: a stack frame on a later line is the host's call, not the cell. */
  bodyLines: number;
}

/**
 * @example
 * cellScript(compileCell("1 + 1")).source // => "(function __k_cell(__k_mods) { \"use strict\";  return (1 + 1);\n\n})(__k.mods)"
 */
export function cellScript(cell: CompiledCell): CellScript {
  // Function declarations are hoisted: publish them before the body runs, as a script's would be.
  const hoisted = cell.functions.map((f) => `globalThis[${JSON.stringify(f)}] = ${f};`).join(" ");
  const prefix = `(${cell.isAsync ? "async " : ""}function __k_cell(__k_mods) { "use strict"; ${hoisted} `;
  return { source: `${prefix}${cell.body}\n})(__k.mods)`, firstLineShift: prefix.length, bodyLines: cell.body.split("\n").length };
}

/** Makes each top-level name of the cell a writable global (strict-mode assignments need it to exist). */
export function declareNames(names: string[], global: object = globalThis): void {
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(global, name)) {
      Object.defineProperty(global, name, { value: undefined, writable: true, configurable: true, enumerable: false });
    }
  }
}

export interface RunHooks {
  /** Loads one import of the cell (a module namespace). */
  load(specifier: string): Promise<unknown>;
  /** Evaluates the script in the global scope and returns its value. */
  evaluate(script: CellScript): unknown;
  /** Called after the imports loaded, just before the body runs (e.g. to honour an interrupt). */
  beforeRun?(): void;
  global?: object;
}

/**
 * Loads the cell's imports in order, then runs it. `result` is the cell's last value, or a promise of it for
 * a cell with top-level `await` (boxed, so the host decides how to wait, e.g. interruptibly).
 */
export async function runCell(cell: CompiledCell, hooks: RunHooks): Promise<{ result: unknown }> {
  const global = hooks.global ?? globalThis;
  const script = cellScript(cell);
  const mods: unknown[] = [];
  for (const spec of cell.imports) mods.push(await hooks.load(spec));
  declareNames(cell.names, global);
  hooks.beforeRun?.();
  const runtime = (global as { __k?: CellRuntime }).__k;
  if (!runtime) throw new Error("runCell: no cell runtime installed (call installRuntime first)");
  runtime.mods = mods;
  return { result: hooks.evaluate(script) };
}
