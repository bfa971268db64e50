// Refuses, before anything runs, a submission file that borrows the answer: any import other than the
// allowed Matrix helpers from "../lib/index.js" (lib/ holds every reference function), and require()/import().
import ts from "typescript";

const LIB_INDEX = /^\.\.\/lib\/index(\.js|\.ts)?$/;

/** null when the file only imports what it may; otherwise the reason, for the student. */
export function checkImports(source: string, file: string, allowed: string[]): string | null {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const rule = allowed.length ? `${file} may import only { ${allowed.join(", ")} } from "../lib/index.js"` : `${file} may not import anything`;
  let problem: string | null = null;
  const refuse = (node: ts.Node, what: string) => {
    if (problem) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    problem = `refused: line ${line + 1} ${what}; ${rule}`;
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (!LIB_INDEX.test(spec)) return refuse(node, `imports "${spec}"`);
      if (ts.isExportDeclaration(node)) return refuse(node, `re-exports from "${spec}"`);
      const clause = node.importClause;
      if (clause?.isTypeOnly) return;
      if (!clause || clause.name) return refuse(node, `imports "${spec}" without naming what`);
      const bindings = clause.namedBindings;
      if (!bindings || ts.isNamespaceImport(bindings)) return refuse(node, `imports all of "${spec}"`);
      for (const el of bindings.elements) {
        const name = (el.propertyName ?? el.name).text;
        if (!el.isTypeOnly && !allowed.includes(name)) return refuse(el, `imports ${name} from "${spec}"`);
      }
    }
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      return refuse(node, `loads a module at run time (${node.expression.getText(sf)}(…))`);
    }
    if (ts.isImportEqualsDeclaration(node)) return refuse(node, "uses import = require(…)");
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problem;
}
