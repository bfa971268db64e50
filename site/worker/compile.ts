// An exercise file (a module, not a cell) in the page: transpiled to CommonJS and run with `require` over the
// worker's modules (modules.ts). Cells go through the shared cell/ module instead.
import ts from "typescript";

export function compileModule(code: string, fileName: string): string {
  return ts.transpileModule(code, { fileName, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
}
