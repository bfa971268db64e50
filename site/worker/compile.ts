// How a cell becomes runnable code in the page: the kernel's own steps (kernel/checker.ts's transpile options,
// then kernel/rewrite.ts's rewriteCell), so the page and the kernel cannot drift. A thin adapter until the
// kernel's shared cell/ module lands. The type check before it is checker.ts.
import ts from "typescript";
import { rewriteCell, type Rewritten } from "../../kernel/rewrite.js";

import type { Diagnostic } from "../../kernel/protocol.js";
export type Compiled = { ok: true; run: Rewritten & { sourceMap: string } } | { ok: false; diagnostics: Diagnostic[] };

export function compileCell(code: string): Compiled {
  const out = ts.transpileModule(code, {
    fileName: "cell.ts", reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: true, esModuleInterop: true },
  });
  const diags = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diags.length > 0) {
    const lines = code.split("\n");
    return {
      ok: false,
      diagnostics: diags.map((d) => {
        const { line, character } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
        return { file: null, line: line + 1, col: character + 1, length: d.length ?? 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), source: lines[line] ?? "" };
      }),
    };
  }
  const js = out.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n");
  return { ok: true, run: { ...rewriteCell(js), sourceMap: out.sourceMapText! } };
}

/** An exercise file (a module) as CommonJS, run with `require` over the worker's modules. */
export function compileModule(code: string, fileName: string): string {
  return ts.transpileModule(code, { fileName, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Generated line (0-based) → original line (0-based) from a source map's first segment on each line. */
export function lineMap(sourceMap: string): (number | undefined)[] {
  const { mappings } = JSON.parse(sourceMap) as { mappings: string };
  const out: (number | undefined)[] = [];
  let orig = 0;
  for (const line of mappings.split(";")) {
    let first: number | undefined;
    for (const seg of line.split(",").filter(Boolean)) {
      const vals: number[] = [];
      let v = 0, shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        v += (d & 31) << shift;
        if (d & 32) shift += 5; else { vals.push(v & 1 ? -(v >>> 1) : v >>> 1); v = 0; shift = 0; }
      }
      if (vals.length >= 4) { orig += vals[2]; first ??= orig; }
    }
    out.push(first);
  }
  return out;
}
