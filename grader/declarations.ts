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

/**
 * `make()`'s files, from node_modules/.cache/`name`/ when `inputs` (absolute paths) and `list` are unchanged and
 * `fresh` is not asked for. The key also holds TypeScript's and @types/node's versions and this file's own text
 * (the options and filters below).
 */
export function cachedFiles(name: string, inputs: string[], list: string[], make: () => Record<string, string>, fresh = false): Record<string, string> {
  const cache = cacheFile(name, inputs, list);
  if (!fresh) {
    try {
      const files = JSON.parse(readFileSync(cache, "utf8")) as unknown;
      if (files && typeof files === "object" && !Array.isArray(files) && Object.values(files).every((t) => typeof t === "string")) return files as Record<string, string>;
    } catch { /* not cached yet */ }
  }
  const files = make();
  try {
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(`${cache}.${process.pid}`, JSON.stringify(files));
    renameSync(`${cache}.${process.pid}`, cache); // whole or not at all, with several graders at once
  } catch { /* a read-only install works without the cache */ }
  return files;
}

/** Where cachedFiles keeps these files. */
export function cacheFile(name: string, inputs: string[], list: string[]): string {
  const key = createHash("sha256").update(ts.version).update(typesNodeVersion()).update(readFileSync(path.join(root, "grader", "declarations.ts"), "utf8")).update(list.join("\0"))
    .update(inputs.map((f) => `${path.relative(root, f)}\0${readFileSync(f, "utf8")}`).join("\0")).digest("hex").slice(0, 16);
  return path.join(root, "node_modules", ".cache", name, `types-${key}.json`);
}

function typesNodeVersion(): string {
  try { return (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@types/node/package.json"), "utf8")) as { version: string }).version; } catch { return "none"; }
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

/**
 * What `npm run grade` checks a submission file against: ES2022, student_env.d.ts and the student facade's
 * declarations (`fresh`: emitted again, not read from the cache; typecheck.ts asks when the cached ones fail).
 */
export const facadeTypes = (fresh = false): Record<string, string> =>
  cachedFiles("attention-kit-grader", facadeInputs(), [STUDENT_FACADE], () => ({ ...esLibFiles(), ...emitDeclarations([STUDENT_FACADE]) }), fresh);
const facadeInputs = () => [...tsFiles(path.join(root, "lib")), path.join(root, STUDENT_FACADE), path.join(root, STUDENT_ENV)];
/** The cache file of facadeTypes (a test damages it). */
export const facadeCacheFile = (): string => cacheFile("attention-kit-grader", facadeInputs(), [STUDENT_FACADE]);
