// A checked cell (TypeScript) -> the JavaScript body that runs it: transpiled as an ES module without
// type information (type errors are the checker's job), then rewritten for the global scope (rewrite.ts).
// The source map goes from the transpiled lines, which the rewrite keeps, back to the cell's lines.
import ts from "typescript";
import { rewriteCell, type Rewritten } from "./rewrite.js";
import type { Diagnostic } from "./errors.js";

export interface CompiledCell extends Rewritten {
  /** Source map (JSON) from `body`'s lines to the cell's. */
  sourceMap: string;
  /**
   * What the parser rejected (the body is then TypeScript's best guess, which may even run): a host that
   * runs cells without the type checker shows these (`compileError` in errors.ts) instead of running.
   */
  syntaxErrors: Diagnostic[];
}

const transpileOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: true, esModuleInterop: true,
};

/**
 * @example
 * compileCell("const n: number = 2;\nn * 3").body // => "(n = 2);\nreturn (n * 3);\n"
 */
export function compileCell(code: string): CompiledCell {
  const out = ts.transpileModule(code, { fileName: "cell.ts", compilerOptions: transpileOptions, reportDiagnostics: true });
  const js = out.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n");
  const lines = code.split("\n");
  const syntaxErrors = (out.diagnostics ?? []).map((d): Diagnostic => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    return { file: null, line: at.line + 1, col: at.character + 1, length: d.length ?? 1, code: d.code, message, source: lines[at.line] ?? "" };
  });
  return { ...rewriteCell(js), sourceMap: out.sourceMapText!, syntaxErrors };
}
