// Declaration files of course modules, for type checks that read no source (grader/declared_check.ts): emitted
// once (emitting type-checks the sources: ~2 s for the student facade, ~10 s for every module a cell can
// import) and cached in node_modules/.cache/, keyed by the sources, TypeScript's version and the list
// emitted. Only the grader and the site's build write the cache; a submission's code can write no file.
import ts from "typescript";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { courseRoot as root } from "./course_root.js";
import { STUDENT_ENV, STUDENT_FACADE } from "./rules.js";

/** Every .ts file under `dir`, sorted. */
export const tsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [])).sort();

/** `make()`'s files, from node_modules/.cache/`name`/ when `inputs` (absolute paths) and `list` are unchanged. */
export function cachedFiles(name: string, inputs: string[], list: string[], make: () => Record<string, string>): Record<string, string> {
  const key = createHash("sha256").update(ts.version).update(list.join("\0")).update(inputs.map((f) => `${path.relative(root, f)}\0${readFileSync(f, "utf8")}`).join("\0")).digest("hex").slice(0, 16);
  const cache = path.join(root, "node_modules", ".cache", name, `types-${key}.json`);
  try { return JSON.parse(readFileSync(cache, "utf8")) as Record<string, string>; } catch { /* not cached yet */ }
  const files = make();
  try {
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(`${cache}.${process.pid}`, JSON.stringify(files));
    renameSync(`${cache}.${process.pid}`, cache); // whole or not at all, with several graders at once
  } catch { /* a read-only install works without the cache */ }
  return files;
}

/** TypeScript's ES library files (es5 … es2023), as /ts/lib.*.d.ts. */
export function esLibFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const tsLib = path.dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.es5.d.ts"));
  for (const f of readdirSync(tsLib).filter((f) => /^lib\.(es5|es20\d\d(\.\w+)*|decorators(\.legacy)?)\.d\.ts$/.test(f) && !f.includes(".full."))) files[`/ts/${f}`] = readFileSync(path.join(tsLib, f), "utf8");
  return files;
}

/** The declarations of `modules` (course-relative) and of everything they import, as /course/….d.ts. */
export function emitDeclarations(modules: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const program = ts.createProgram(modules.map((f) => path.join(root, f)), {
    declaration: true, emitDeclarationOnly: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true, esModuleInterop: true, types: ["node"], outDir: path.join(root, ".d"), rootDir: root,
  });
  program.emit(undefined, (file, text) => { files[`/course/${path.relative(path.join(root, ".d"), file)}`] = text; });
  files[`/course/${STUDENT_ENV}`] = readFileSync(path.join(root, STUDENT_ENV), "utf8");
  return files;
}

/** What `npm run grade` checks a submission file against: ES2022, student_env.d.ts and the student facade's declarations. */
export const facadeTypes = (): Record<string, string> =>
  cachedFiles("attention-kit-grader", [...tsFiles(path.join(root, "lib")), path.join(root, STUDENT_FACADE), path.join(root, STUDENT_ENV)], [STUDENT_FACADE],
    () => ({ ...esLibFiles(), ...emitDeclarations([STUDENT_FACADE]) }));
