// Turns a transpiled cell (JavaScript, ES module syntax) into a body that runs in the kernel's global
// scope: top-level declarations become global assignments, so later cells see them as plain names
// (`{ numHeads }` shorthand included); imports read modules the kernel loaded beforehand (ESM hoisting);
// the last expression is returned. Newlines are never added or removed, so line numbers stay those of
// the transpiled code (and its source map points back to the cell).
import ts from "typescript";

export interface Rewritten {
  body: string;
  /** Specifiers to load, in order, before the body runs; the body reads them as `__k_mods[i]`. */
  imports: string[];
  /** Top-level names the body assigns (declared as writable globals before it runs). */
  names: string[];
  /** Function declarations, published as globals at the start of the body (they are hoisted). */
  functions: string[];
  /** The body uses top-level `await`. */
  isAsync: boolean;
}

interface Edit { pos: number; end: number; text: string }

const keepNewlines = (src: string, e: Edit): Edit => ({ ...e, text: e.text + "\n".repeat((src.slice(e.pos, e.end).match(/\n/g) ?? []).length) });

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

function hasTopLevelAwait(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

export function rewriteCell(js: string): Rewritten {
  const sf = ts.createSourceFile("cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const edits: Edit[] = [];
  const imports: string[] = [], names: string[] = [], functions: string[] = [];
  const statements = sf.statements.filter((s) => !ts.isEmptyStatement(s));
  const exportKeywordEnd = (s: ts.Node): number | null => {
    const mods = ts.canHaveModifiers(s) ? ts.getModifiers(s) : undefined;
    const exp = mods?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
    return exp ? mods![mods!.length - 1].end : null;
  };

  for (const st of statements) {
    const start = st.getStart(sf);
    if (ts.isImportDeclaration(st)) {
      const i = imports.push((st.moduleSpecifier as ts.StringLiteral).text) - 1;
      const m = `__k_mods[${i}]`, parts: string[] = [];
      const clause = st.importClause;
      if (clause?.name) { parts.push(`${clause.name.text} = ${m}.default;`); names.push(clause.name.text); }
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) { parts.push(`${nb.name.text} = ${m};`); names.push(nb.name.text); }
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          parts.push(`${el.name.text} = ${m}[${JSON.stringify((el.propertyName ?? el.name).text)}];`);
          names.push(el.name.text);
        }
      }
      edits.push(keepNewlines(js, { pos: start, end: st.end, text: parts.join(" ") }));
    } else if (ts.isExportDeclaration(st)) {
      edits.push(keepNewlines(js, { pos: start, end: st.end, text: "" }));
    } else if (ts.isExportAssignment(st)) {
      edits.push({ pos: start, end: st.expression.getStart(sf), text: "" });
    } else if (ts.isVariableStatement(st) && st.declarationList.declarations.length > 0) { // none: a syntax error, left for the host to report
      const decls = st.declarationList.declarations;
      edits.push(keepNewlines(js, { pos: start, end: decls[0].getStart(sf), text: "" }));
      for (const d of decls) {
        bindingNames(d.name, names);
        edits.push({ pos: d.getStart(sf), end: d.getStart(sf), text: "(" });
        edits.push({ pos: d.end, end: d.end, text: d.initializer ? ")" : " = undefined)" });
      }
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      const e = exportKeywordEnd(st);
      if (e !== null) edits.push({ pos: start, end: e, text: "" });
      names.push(st.name.text);
      functions.push(st.name.text);
    } else if (ts.isClassDeclaration(st) && st.name) {
      const e = exportKeywordEnd(st);
      edits.push({ pos: start, end: e ?? start, text: `${st.name.text} = ` });
      edits.push({ pos: st.end, end: st.end, text: ";" });
      names.push(st.name.text);
    }
  }

  const last = statements.filter((s) => !ts.isExportDeclaration(s)).at(-1); // TS appends `export {};` to modules
  if (last && ts.isExpressionStatement(last)) {
    const start = last.getStart(sf);
    const semi = js[last.end - 1] === ";";
    edits.push({ pos: start, end: start, text: "return (" });
    edits.push({ pos: semi ? last.end - 1 : last.end, end: last.end, text: semi ? ");" : ")" });
  }

  // import.meta and import() need a module; the body is a script, so both go through the kernel.
  const visit = (n: ts.Node): void => {
    if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword) edits.push({ pos: n.getStart(sf), end: n.end, text: "__k.meta" });
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) edits.push({ pos: n.expression.getStart(sf), end: n.expression.end, text: "__k.dynamicImport" });
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);

  // Apply from the end; at one position the replacement goes before an insertion that opens there.
  edits.sort((a, b) => b.pos - a.pos || b.end - a.end);
  let body = js;
  for (const e of edits) body = body.slice(0, e.pos) + e.text + body.slice(e.end);
  return { body, imports, names: [...new Set(names)], functions, isAsync: hasTopLevelAwait(sf) };
}
