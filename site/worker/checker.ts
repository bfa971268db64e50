// The type check of a cell in the page, as the kernel's (kernel/checker.ts): one LanguageService over virtual
// cell modules built by the shared CellScope (cell/scope.ts), so a cell sees earlier cells' names with
// their types; the course's declarations and ES2023 come from live/types.js. Diagnostics in cell/errors.ts's
// shape, for its compileError. Created on the first Run (TypeScript parses the libraries once, ~1 s).
import ts from "typescript";
import { CellScope, topLevelNames } from "../../cell/scope.js";
import type { Diagnostic } from "../../cell/errors.js";
import { ancestorDirs } from "../../grader/declared_check.js";

const CWD = "/course/notebooks";
// kernel/checker.ts's options, with the page's lib files and cell_globals.d.ts in place of @types/node
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"], strict: true, esModuleInterop: true, allowSyntheticDefaultImports: true, skipLibCheck: true,
  resolveJsonModule: true, allowImportingTsExtensions: true, noEmit: true, types: [],
};

/** A 53-bit string hash (cyrb53): the key of a clean check, not a security boundary. */
export function hash53(s: string): string {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677); }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A key over a set of files (name and text), whatever order they come in. */
const filesKey = (files: Record<string, string>): string =>
  hash53(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => `${f}\0${t}`).join("\0"));

/**
 * Clean checks are remembered as the kernel's on-disk cache remembers them (kernel/check_client.ts): a key over
 * the declarations, the exercise files, every cell accepted before and the cell's text. A cell whose key was
 * clean before is accepted without TypeScript (its module still joins the scope, so later cells see its
 * names); so a lesson run again in this browser type-checks nothing. An error is always checked afresh.
 */
export class CellChecker {
  /** The key of the last check when it was clean (to remember), and whether it came from `cleanChecks`. */
  lastClean: string | null = null;
  lastCached = false;
  private readonly typesKey: string;
  private exercisesKey = "";
  private history = "";
  private readonly files = new Map<string, { text: string; version: number }>();
  private readonly scope = new CellScope();
  private readonly service: ts.LanguageService;
  private root: string[] = [];
  private versions = 0;
  private next = 0;
  private readonly clean = new Map<string, string>();

  constructor(types: Record<string, string>, private readonly cleanChecks: ReadonlySet<string> = new Set()) {
    for (const [f, text] of Object.entries(types)) this.set(f, text);
    this.typesKey = filesKey(types);
    const has = (f: string) => this.files.has(f);
    const dirs = ancestorDirs(this.files.keys());
    this.service = ts.createLanguageService({
      getCompilationSettings: () => options,
      getScriptFileNames: () => this.root,
      getScriptVersion: (f) => String(this.files.get(f)?.version ?? 0),
      getScriptSnapshot: (f) => { const v = this.files.get(f); return v ? ts.ScriptSnapshot.fromString(v.text) : undefined; },
      getCurrentDirectory: () => CWD,
      getDefaultLibFileName: () => "/ts/lib.d.ts",
      fileExists: has,
      readFile: (f) => this.files.get(f)?.text,
      directoryExists: (d) => dirs.has(d.replace(/\/$/, "")) || d === "/course/exercises" || d === CWD,
      getDirectories: () => [],
    }, ts.createDocumentRegistry());
  }

  private set(file: string, text: string): void {
    if (this.files.get(file)?.text !== text) this.files.set(file, { text, version: ++this.versions });
  }

  /** The learner's exercise files, as cells import them (`../exercises/01_similarity.js`). */
  setExercises(sources: Record<string, string>): void {
    for (const [f, text] of Object.entries(sources)) this.set(`/course/exercises/${f}`, text);
    this.exercisesKey = filesKey(sources);
  }

  /**
   * Parses ES2023, cell_globals.d.ts and the library's declarations and type-checks a cell that uses them, then
   * forgets it (no name is defined): done while the worker is idle after it starts, so the first Run is quicker.
   */
  warm(): void {
    const file = `${CWD}/__warm.ts`;
    this.set(file, 'import { Matrix } from "../lib/index.js";\nimport { heatmap } from "../lib/plot/index.js";\nexport const __warm = [Matrix, heatmap, console];\n');
    this.root = [file, "/course/cell_globals.d.ts"];
    this.service.getSemanticDiagnostics(file);
    this.files.delete(file);
  }

  /** The cell's diagnostics (none: it is accepted, and later cells see its names). */
  check(code: string): Diagnostic[] {
    const own = topLevelNames(code);
    const mod = `__cell_${this.next}`;
    const file = `${CWD}/${mod}.ts`;
    this.set(file, this.scope.moduleText(code, own));
    const key = hash53(`${this.typesKey}|${this.exercisesKey}|${this.history}|${code}`);
    this.lastClean = null;
    this.lastCached = this.cleanChecks.has(key);
    if (this.lastCached) return this.accept(mod, own, key);
    this.root = [file, "/course/cell_globals.d.ts"];
    const codeLines = code.split("\n").length;
    const found = [...this.service.getSyntacticDiagnostics(file), ...this.service.getSemanticDiagnostics(file)];
    const program = this.service.getProgram()!;
    // the exercise files the cell imports, unless already checked clean with this text (as the kernel caches)
    for (const sf of program.getSourceFiles().filter((s) => s.fileName.startsWith("/course/exercises/") && this.clean.get(s.fileName) !== s.text)) {
      const own = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
      if (own.length === 0) this.clean.set(sf.fileName, sf.text);
      found.push(...own);
    }
    const diagnostics = found.map((d) => toDiagnostic(d, file, codeLines)).filter((d): d is Diagnostic => d !== null);
    if (diagnostics.length > 0) { this.files.delete(file); return diagnostics; }
    return this.accept(mod, own, key);
  }

  private accept(mod: string, own: ReturnType<typeof topLevelNames>, key: string): Diagnostic[] {
    this.scope.accept(mod, own);
    this.next += 1;
    this.history = hash53(`${this.history}|${key}`);
    this.lastClean = key;
    return [];
  }
}

/** kernel/checker.ts's toDiagnostic: the cell's own lines (the prelude is line 0), other files by path. */
function toDiagnostic(d: ts.Diagnostic, cellFile: string, codeLines: number): Diagnostic | null {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return { file: null, line: 0, col: 0, code: d.code, message, source: "" };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const source = d.file.text.split("\n")[line] ?? "";
  if (d.file.fileName === cellFile) return line < 1 || line > codeLines ? null : { file: null, line, col: character + 1, length: d.length ?? 1, code: d.code, message, source };
  return { file: `../${d.file.fileName.slice("/course/".length)}`, line: line + 1, col: character + 1, length: d.length ?? 1, code: d.code, message, source };
}
