// A submission file's type check against declarations only, over virtual files: ES2022, student_env.d.ts and
// the student facade's .d.ts for "../lib/index.js". The one check both graders run: `npm run grade`'s checker
// process (typecheck.ts, declarations from declarations.ts) and the page's Check (site/worker/grader_check.ts,
// declarations from live/types.js). Nothing outside the given files is read: a submission that names another
// file (`/// <reference path>`, a FIFO in its tar) gets "not found", never a read of the grading machine's disk.
// Browser-safe: TypeScript and grader/rules.ts only.
import ts from "typescript";
import { GRADER_COMPILER_OPTIONS, STUDENT_ENV, STUDENT_FACADE, isLibIndex, typeErrorText } from "./rules.js";

/** Where the course's declarations sit in the virtual files ("/course/lib/matrix.d.ts"); ES's are under /ts/. */
export const COURSE = "/course";
const facade = `${COURSE}/${STUDENT_FACADE.replace(/\.ts$/, ".d.ts")}`;
const env = `${COURSE}/${STUDENT_ENV}`;

/** Every folder above the given paths ("/course/lib/x.d.ts" → "/course", "/course/lib"): a virtual host's directoryExists. */
export const ancestorDirs = (paths: Iterable<string>): Set<string> =>
  new Set([...paths].flatMap((f) => f.split("/").slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`)));

/** Checks exercise files against `types` (virtual path → text), parsing each declaration file once. */
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
