// The type checker, in a worker thread so the kernel answers Jupyter while TypeScript loads (~1 s cold).
// One LanguageService over virtual cell modules and the real files they import; file versions are
// mtime+size read at each request, so files rewritten under the kernel (npm ci, git checkout) are simply
// read again: no watchers, no timers.
import ts from "typescript";
import { parentPort, workerData } from "node:worker_threads";
import { mkdirSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { fileVersion } from "./versions.js";
import path from "node:path";
import { CellScope, topLevelNames } from "../cell/scope.js";
import { compileCell } from "../cell/compile.js";
import type { CheckResult, Diagnostic, WorkerRequest } from "./protocol.js";
import { isComplete } from "./is_complete.js";

const cwd: string = workerData.cwd;
export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  // The language as Node 20 runs it, without DOM (no document or window in a kernel): @types/node has the rest.
  lib: ["lib.es2023.d.ts"], strict: true, esModuleInterop: true, allowSyntheticDefaultImports: true, skipLibCheck: true,
  resolveJsonModule: true, allowImportingTsExtensions: true, noEmit: true, isolatedModules: false,
  types: ["node"], // as the project's tsconfig: global types from @types/node only (others load when imported)
};

const virtual = new Map<string, { text: string; version: number }>();
const scope = new CellScope();
let root: string[] = [];
let nextCell = 0;
/** Real source files already checked clean, by path -> version; kept on disk for the next kernel. */
const cleanFile: string = path.join(workerData.cacheDir, "clean-files.json");
const checkedClean = new Map<string, string>(Object.entries(readJson(cleanFile) ?? {}));
function readJson(f: string): Record<string, string> | null { try { return JSON.parse(readFileSync(f, "utf8")); } catch { return null; } }
function saveClean(): void {
  try {
    mkdirSync(path.dirname(cleanFile), { recursive: true });
    writeFileSync(`${cleanFile}.${process.pid}`, JSON.stringify(Object.fromEntries(checkedClean)));
    renameSync(`${cleanFile}.${process.pid}`, cleanFile);
  } catch { /* read-only install */ }
}

const isLocalSource = (f: string) => !virtual.has(f) && !f.endsWith(".d.ts") && !f.includes("/node_modules/");

const host: ts.LanguageServiceHost = {
  getCompilationSettings: () => compilerOptions,
  getScriptFileNames: () => root,
  getScriptVersion: (f) => (virtual.has(f) ? String(virtual.get(f)!.version) : fileVersion(f)),
  getScriptSnapshot: (f) => {
    const v = virtual.get(f);
    if (v) return ts.ScriptSnapshot.fromString(v.text);
    try { return ts.ScriptSnapshot.fromString(readFileSync(f, "utf8")); } catch { return undefined; }
  },
  getCurrentDirectory: () => cwd,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => virtual.has(f) || ts.sys.fileExists(f),
  readFile: (f, enc) => virtual.get(f)?.text ?? ts.sys.readFile(f, enc),
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  readDirectory: ts.sys.readDirectory,
  realpath: ts.sys.realpath,
};
let service = ts.createLanguageService(host, ts.createDocumentRegistry());

let versions = 0; // one counter for all virtual files: a name reused after a failed cell gets a new version
function setVirtual(file: string, text: string): void {
  virtual.set(file, { text, version: ++versions });
}

function toDiagnostic(d: ts.Diagnostic, cellFile: string, codeLines: number): Diagnostic | null {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return { file: null, line: 0, col: 0, code: d.code, message, source: "" };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const lineText = d.file.text.split("\n")[line] ?? "";
  if (d.file.fileName === cellFile) {
    // Line 0 is the prelude, lines after the cell are the export line: not the student's code.
    if (line < 1 || line > codeLines) return null;
    return { file: null, line, col: character + 1, length: d.length ?? 1, code: d.code, message, source: lineText };
  }
  return { file: path.relative(cwd, d.file.fileName), line: line + 1, col: character + 1, length: d.length ?? 1, code: d.code, message, source: lineText };
}

function check(code: string): CheckResult {
  const own = topLevelNames(code);
  const mod = `__cell_${nextCell}`;
  const file = path.join(cwd, `${mod}.ts`);
  setVirtual(file, scope.moduleText(code, own));
  root = [file];
  const codeLines = code.split("\n").length;
  const diags = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
  const diagnostics = diags.map((d) => toDiagnostic(d, file, codeLines)).filter((d): d is Diagnostic => d !== null);
  const program = service.getProgram()!;
  // The project files the cell imports: all checked again when any of them is new or changed (a change in
  // one can break another), none when all are as last checked clean (also by an earlier kernel).
  const local = program.getSourceFiles().filter((sf) => isLocalSource(sf.fileName));
  if (local.some((sf) => checkedClean.get(sf.fileName) !== fileVersion(sf.fileName))) {
    for (const sf of local) {
      const found = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => toDiagnostic(d, file, codeLines)!);
      if (found.length === 0) checkedClean.set(sf.fileName, fileVersion(sf.fileName)); else checkedClean.delete(sf.fileName);
      diagnostics.push(...found);
    }
    saveClean();
  }
  if (diagnostics.length > 0) {
    virtual.delete(file);
    return { diagnostics };
  }
  const deps = program.getSourceFiles().map((sf) => sf.fileName).filter((f) => !virtual.has(f)).map((f): [string, string] => [f, fileVersion(f)]);
  accept(mod, own);
  return { diagnostics: [], run: compileCell(code), deps };
}

function accept(mod: string, own = topLevelNames("")): void {
  scope.accept(mod, own);
  nextCell += 1;
}

/** A cell that ran from the kernel's cache: record it as if checked, without checking. */
function adopt(code: string, deps: [string, string][]): void {
  const own = topLevelNames(code);
  const mod = `__cell_${nextCell}`;
  setVirtual(path.join(cwd, `${mod}.ts`), scope.moduleText(code, own));
  accept(mod, own);
  for (const [f, v] of deps) if (isLocalSource(f)) checkedClean.set(f, v);
}

/** A scratch module for completion and inspection: the prelude, then `code`; returns the offset of code. */
function scratch(code: string): { file: string; offset: number } {
  const own = topLevelNames(code);
  const file = path.join(cwd, "__scratch__.ts");
  const prelude = scope.prelude(own) + "\n";
  setVirtual(file, prelude + code);
  root = [file];
  return { file, offset: prelude.length };
}

function complete(code: string, pos: number) {
  const { file, offset } = scratch(code);
  let start = pos;
  while (start > 0 && /[\w$]/.test(code[start - 1])) start -= 1;
  const prefix = code.slice(start, pos).toLowerCase();
  const info = service.getCompletionsAtPosition(file, offset + pos, { includeCompletionsForModuleExports: false });
  const entries = (info?.entries ?? []).filter((e) => e.name.toLowerCase().startsWith(prefix));
  entries.sort((a, b) => Number(!b.name.startsWith(code.slice(start, pos))) - Number(!a.name.startsWith(code.slice(start, pos))) || a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name));
  return { matches: entries.map((e) => e.name), start, end: pos };
}

function inspect(code: string, pos: number): string | null {
  const { file, offset } = scratch(code);
  for (const p of [pos, pos - 1]) {
    if (p < 0) continue;
    const info = service.getQuickInfoAtPosition(file, offset + p);
    if (!info) continue;
    const doc = ts.displayPartsToString(info.documentation);
    const tags = (info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
    return [ts.displayPartsToString(info.displayParts), doc, ...tags].filter(Boolean).join("\n\n");
  }
  return null;
}

function handle(req: WorkerRequest): unknown {
  switch (req.op) {
    case "check": { const t = performance.now(); const r = check(req.code); debug(`check (${r.diagnostics.length} diagnostics)`, t); return r; }
    case "adopt": return adopt(req.code, req.deps);
    case "complete": return complete(req.code, req.pos);
    case "inspect": return inspect(req.code, req.pos);
    case "isComplete": return isComplete(req.code);
    case "warm": return check("") && null;
  }
}

parentPort!.on("message", (req: WorkerRequest & { id: number }) => {
  try {
    const result = handle(req);
    if (req.id >= 0) parentPort!.postMessage({ id: req.id, result });
  } catch (e) {
    // A crash inside TypeScript (e.g. files vanishing mid-check): start over with a fresh service.
    service = ts.createLanguageService(host, ts.createDocumentRegistry());
    if (req.id >= 0) parentPort!.postMessage({ id: req.id, error: `type checker failed: ${(e as Error).stack ?? e}` });
  }
});
const debug = (what: string, t: number) => { if (process.env.KERNEL_DEBUG) writeSync(2, `[kernel checker] ${what} ${(performance.now() - t).toFixed(0)} ms\n`); };
const tWarm = performance.now();
debug("TypeScript loaded, since worker start", performance.timeOrigin - performance.timeOrigin); // performance.now() counts from the worker's start
handle({ op: "warm" }); // parse the default libraries and @types now, before the first cell needs them
debug("warm-up (default libraries, @types)", tWarm);
