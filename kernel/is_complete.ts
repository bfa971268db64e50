// is_complete for the console: complete, incomplete (the parser wants more at the very end) or invalid.
import ts from "typescript";

export function isComplete(code: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diags: ts.DiagnosticWithLocation[] = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diags.length === 0) return { status: "complete" };
  const end = code.trimEnd().length;
  const atEnd = diags.every((d) => d.start >= end);
  if (!atEnd) return { status: "invalid" };
  if (/\n\s*\n\s*$/.test(code)) return { status: "invalid" };
  const last = code.slice(code.lastIndexOf("\n") + 1);
  const indent = last.match(/^\s*/)![0] + (/[{([]\s*$/.test(last) ? "  " : "");
  return { status: "incomplete", indent };
}
