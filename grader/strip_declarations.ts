// A solution file without what only the grader reads: the `lesson(…)` and `exercise(…)` calls (spec/declare.ts),
// then, until nothing changes, the imports and non-exported helpers that nothing left uses, with the comments
// attached to them. What remains is what a student sees around the bodies.
import ts from "typescript";

const isDeclarationCall = (s: ts.Statement) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression)
  && ts.isIdentifier(s.expression.expression) && ["exercise", "lesson"].includes(s.expression.expression.text);
const exported = (s: ts.Statement) => ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names a top-level statement declares (helpers only: functions and consts). */
function declaredNames(s: ts.Statement): string[] {
  if (ts.isFunctionDeclaration(s) && s.name) return [s.name.text];
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  return [];
}

function identifiers(node: ts.Node, into = new Set<string>()): Set<string> {
  if (ts.isIdentifier(node)) into.add(node.text);
  ts.forEachChild(node, (c) => { identifiers(c, into); });
  return into;
}

/** `source` without the declarations and what only they use; `params` gets each exported function's parameter names. */
export function stripDeclarations(source: string, file: string): { text: string; params: Map<string, string[]> } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const params = new Map<string, string[]>();
  for (const s of sf.statements) if (ts.isFunctionDeclaration(s) && s.name && exported(s)) params.set(s.name.text, s.parameters.map((p) => p.name.getText(sf)));
  const removed = new Set(sf.statements.filter(isDeclarationCall));
  const kept = new Map<ts.ImportDeclaration, string[]>(); // an import's specifiers still used
  const ids = new Map(sf.statements.map((s) => [s, identifiers(s)]));
  for (let changed = true; changed;) {
    changed = false;
    const usedBy = (self: ts.Statement) => {
      const used = new Set<string>();
      for (const s of sf.statements) if (s !== self && !removed.has(s)) for (const id of ids.get(s)!) used.add(id);
      return used;
    };
    for (const s of sf.statements) {
      if (removed.has(s)) continue;
      if (ts.isImportDeclaration(s) && s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings)) {
        const used = usedBy(s);
        const names = s.importClause.namedBindings.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(sf));
        if (names.length === 0) { removed.add(s); changed = true; } else if (names.length !== (kept.get(s) ?? s.importClause.namedBindings.elements).length) { kept.set(s, names); changed = true; }
      } else if (!exported(s) && declaredNames(s).length > 0) {
        const used = usedBy(s);
        if (!declaredNames(s).some((n) => used.has(n))) { removed.add(s); changed = true; }
      }
    }
  }
  const edits: { from: number; to: number; text: string }[] = [];
  for (const s of sf.statements) {
    const start = s.getStart(sf);
    if (removed.has(s)) {
      // the comments attached to it (after the last blank line before it) go too; a file's opening comment stays
      // (a comment on the line where the previous statement ends is that statement's, and so is one after it)
      const trivia = source.slice(s.getFullStart(), start), blank = trivia.lastIndexOf("\n\n"), newline = trivia.indexOf("\n");
      const from = s.getFullStart() + (blank >= 0 ? blank + 2 : s.getFullStart() > 0 && newline >= 0 ? newline + 1 : trivia.length);
      const after = /^[ \t]*\/\/[^\n]*/.exec(source.slice(s.end))?.[0] ?? "";
      edits.push({ from, to: s.end + after.length, text: "" });
    } else if (kept.has(s as ts.ImportDeclaration)) {
      const imp = s as ts.ImportDeclaration;
      edits.push({ from: start, to: s.end, text: `import { ${kept.get(imp)!.join(", ")} } from ${imp.moduleSpecifier.getText(sf)};` });
    }
  }
  let text = source;
  for (const e of edits.sort((a, b) => b.from - a.from)) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return { text: text.replace(/\n{3,}/g, "\n\n").replace(/\n+$/, "\n"), params };
}
