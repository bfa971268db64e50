// The page's Check, as `npm run grade` checks a file (grader/rules.ts holds the rules both apply): the import
// rule, then the type check with the grader's compiler options, student_env.d.ts and the student facade for
// "../lib/index.js" (declarations from live/types.js), then the public cases (grader/inline.ts). A refused
// file is not run, and its report carries the grader's own words for why.
import ts from "typescript";
import { GRADER_COMPILER_OPTIONS, STUDENT_ENV, STUDENT_FACADE, fileProblem, isLibIndex, typeErrorText } from "../../grader/rules.js";
import { inlineReport } from "../../grader/inline.js";
import { allowedLibImports } from "../../grader/exercises.js";
import { ancestorDirs } from "./checker.js";

const COURSE = "/course";
const facade = `${COURSE}/${STUDENT_FACADE.replace(/\.ts$/, ".d.ts")}`;
const env = `${COURSE}/${STUDENT_ENV}`;

/** grader/typecheck.ts over the page's virtual files: the course's declarations and ES2022, parsed once. */
export class GraderTypeCheck {
  private readonly files = new Map<string, string>();
  private readonly parsed = new Map<string, ts.SourceFile>();
  private previous: ts.Program | undefined;

  constructor(types: Record<string, string>) {
    for (const [f, text] of Object.entries(types)) this.files.set(f, text);
    this.files.set(`${COURSE}/package.json`, `{ "type": "module" }`); // the course is ES modules, as NodeNext reads it
  }

  /** Type errors of one exercise file (e.g. "01_similarity.ts"), in the grader's words. */
  errors(file: string, text: string): string[] {
    const own = `${COURSE}/exercises/${file}`;
    const has = (f: string) => f === own || this.files.has(f);
    const read = (f: string) => (f === own ? text : this.files.get(f));
    const dirs = ancestorDirs([...this.files.keys(), own]);
    const host: ts.CompilerHost = {
      getSourceFile: (f, languageVersion) => {
        if (f === own) return ts.createSourceFile(f, text, languageVersion, true);
        const t = this.files.get(f);
        if (t === undefined) return undefined;
        let sf = this.parsed.get(f);
        if (!sf) { sf = ts.createSourceFile(f, t, languageVersion, true); this.parsed.set(f, sf); }
        return sf;
      },
      getDefaultLibFileName: () => "/ts/lib.d.ts",
      writeFile: () => {}, getCurrentDirectory: () => COURSE, getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true, getNewLine: () => "\n",
      fileExists: has, readFile: read, directoryExists: (d) => dirs.has(d.replace(/\/$/, "")),
      getDirectories: () => [],
    };
    host.resolveModuleNameLiterals = (literals, containing, _redirect, opts) => literals.map((lit) => {
      if (containing === own && isLibIndex(lit.text)) return { resolvedModule: { resolvedFileName: facade, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
      return ts.resolveModuleName(lit.text, containing, opts, host);
    });
    const program = ts.createProgram({ rootNames: [own, env], options: GRADER_COMPILER_OPTIONS, host, oldProgram: this.previous });
    this.previous = program;
    const sf = program.getSourceFile(own)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => typeErrorText(sf, d));
  }
}

/**
 * The Check's report for exercises/`file` with the learner's `text`: the grader's refusal for every exercise of
 * the file when a rule refuses it, else the public cases run on `load()` (the compiled module).
 */
export function checkReport(file: string, text: string, types: GraderTypeCheck, load: () => Record<string, unknown>): string {
  const problem = fileProblem(file, text, allowedLibImports[file] ?? [], (f, t) => types.errors(f, t));
  return problem ? inlineReport(file, {}, problem) : inlineReport(file, load());
}
