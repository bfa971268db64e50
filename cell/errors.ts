// Errors as a notebook shows them (Jupyter's error content), the same in every host: type and syntax
// errors with their place, the line of code and a caret under the spot.

export interface JupyterError { ename: string; evalue: string; traceback: string[] }

/** A type or syntax error found before the cell runs. */
export interface Diagnostic {
  /** null: the cell itself (line counted from 1 in the cell); otherwise a path relative to the notebook folder. */
  file: string | null;
  line: number;
  col: number;
  length?: number;
  code: number;
  message: string;
  /** The text of the line the diagnostic points at. */
  source: string;
}

/** Type and syntax errors: each with its place and the line of code, a caret under the spot. */
export function compileError(diags: Diagnostic[], label: string): JupyterError {
  const parse = diags.every((d) => d.code < 2000);
  const lines = diags.flatMap((d) => {
    const where = d.file === null ? `${label}, line ${d.line}` : `${d.file}:${d.line}:${d.col}`;
    const caret = " ".repeat(Math.max(0, d.col - 1)) + "^".repeat(Math.max(1, Math.min(d.length ?? 1, Math.max(1, d.source.length - d.col + 1))));
    return [`${where}: error TS${d.code}: ${d.message}`, `    ${d.source}`, `    ${caret}`];
  });
  const first = diags[0];
  const place = first.file === null ? `line ${first.line}` : `${first.file}:${first.line}`;
  return { ename: parse ? "SyntaxError" : "TypeScriptError", evalue: `${place}: ${first.message} (TS${first.code})`, traceback: lines };
}
