// Type-checks submission files with the TypeScript API (in its own process: see checker.ts). Library declaration
// files are parsed once per process and reused across submissions (~1 s for the first check, ~0.15 s per file after).
import ts from "typescript";
import path from "node:path";

import { courseRoot as root } from "./course_root.js";
import { GRADER_COMPILER_OPTIONS, STUDENT_ENV, STUDENT_FACADE, isLibIndex, typeErrorText } from "./rules.js";

const facade = path.join(root, STUDENT_FACADE);
const studentEnv = path.join(root, STUDENT_ENV);
const options = GRADER_COMPILER_OPTIONS; // grader/rules.ts: the page's Check uses the same

const host = ts.createCompilerHost(options);
const cache = new Map<string, ts.SourceFile | undefined>();
const read = host.getSourceFile.bind(host);
let submissionFiles = new Set<string>();
host.getSourceFile = (name, version, onError, create) => {
  if (submissionFiles.has(path.resolve(name))) return read(name, version, onError, create);
  if (!cache.has(name)) cache.set(name, read(name, version, onError, create));
  return cache.get(name);
};
// A submission's "../lib/index.js" is the facade, wherever the submission folder lives.
host.resolveModuleNameLiterals = (literals, containing, _redirect, opts) => literals.map((lit) => {
  if (submissionFiles.has(path.resolve(containing)) && isLibIndex(lit.text)) {
    return { resolvedModule: { resolvedFileName: facade, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
  }
  return ts.resolveModuleName(lit.text, containing, opts, host);
});

let previous: ts.Program | undefined;

/**
 * Type errors of each file (absolute paths), as "line 3: Type 'string' is not assignable to type 'number'.",
 * one file at a time in the order given (the caller times each). Each file gets a program of its own (reusing the
 * library declarations), so whatever a file makes slow while the program is built (a reference to a FIFO, a
 * huge declaration file) is timed and blamed as that file's, not as the first file's of the submission.
 */
export function* typeErrorsEach(files: string[]): Generator<[string, string[]]> {
  for (const file of files.map((f) => path.resolve(f))) {
    submissionFiles = new Set([file]);
    const program = ts.createProgram({ rootNames: [file, studentEnv], options, host, oldProgram: previous });
    previous = program;
    const sf = program.getSourceFile(file);
    const diagnostics = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    yield [file, diagnostics.map((d) => typeErrorText(sf!, d))];
  }
}

/** Parses and checks the library declarations and the student facade once (what every later check reuses). */
export function warmUp(): void {
  const program = ts.createProgram({ rootNames: [facade, studentEnv], options, host });
  program.getSemanticDiagnostics();
  previous = program;
}
