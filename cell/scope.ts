// How earlier cells look to the type checker: each accepted cell is a virtual module next to the
// notebook (`__cell_<n>.ts`) that exports its top-level names, and a new cell sees them through a
// one-line prelude of imports (`declare let` for `let`/`var`, which later cells may reassign).
import ts from "typescript";

export type NameKind = "let" | "other";

/** Top-level names a cell declares, with how later cells may use them. */
export function topLevelNames(code: string): Map<string, NameKind> {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out = new Map<string, NameKind>();
  const bind = (n: ts.BindingName, kind: NameKind): void => {
    if (ts.isIdentifier(n)) out.set(n.text, kind);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) bind(el.name, kind);
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      const kind = st.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing) ? "other" : "let";
      for (const d of st.declarationList.declarations) bind(d.name, kind);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      out.set(st.name.text, "other");
    } else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) {
      out.set(st.name.text, "other");
    } else if (ts.isImportEqualsDeclaration(st)) {
      out.set(st.name.text, "other");
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const c = st.importClause;
      if (c.name) out.set(c.name.text, "other");
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.set(c.namedBindings.name.text, "other");
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) out.set(el.name.text, "other");
    }
  }
  return out;
}

/** Names of earlier cells (latest declaration wins) and the prelude that brings them into a new cell. */
export class CellScope {
  /** name -> [module basename of the cell that declared it last, kind] */
  private readonly live = new Map<string, [string, NameKind]>();

  prelude(own: Map<string, NameKind>): string {
    const byModule = new Map<string, string[]>();
    const lets: string[] = [];
    for (const [name, [mod, kind]] of this.live) {
      if (own.has(name)) continue;
      if (kind === "let") lets.push(`declare let ${name}: typeof import("./${mod}.js").${name};`);
      else byModule.set(mod, [...(byModule.get(mod) ?? []), name]);
    }
    const imports = [...byModule].map(([mod, names]) => `import { ${names.join(", ")} } from "./${mod}.js";`);
    return [...imports, ...lets].join(" ");
  }

  /** The text of a cell module: prelude on line 1, the cell from line 2, its names exported after it. */
  moduleText(code: string, own: Map<string, NameKind>): string {
    const exported = [...own.keys()].filter((n) => !new RegExp(`export[^;]*\\b${n}\\b`).test(code));
    return `${this.prelude(own)}\n${code}\n;export { ${exported.join(", ")} };\n`;
  }

  accept(mod: string, own: Map<string, NameKind>): void {
    for (const [name, kind] of own) this.live.set(name, [mod, kind]);
  }
}
