// The types a cell is checked against in the page (build time, Node): TypeScript's ES2023 library files, the
// declarations of every course module a cell can import (emitted from lib/ and grader/inline.ts), and
// cell_globals.dts (a .d.ts kept out of the project's own type check; the few Node names the notebooks use). Written to live/types.js, loaded on the first Run.
import ts from "typescript";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { courseRoot } from "../../grader/course_root.js";

const root = courseRoot;
/** The course modules whose declarations cells need (what modules.ts serves). */
export const DECLARED = ["lib/index.ts", "lib/plot/index.ts", "lib/autodiff/index.ts", "lib/transformer/index.ts", "lib/seq2seq/dates.ts", "lib/seq2seq/model.ts", "lib/seq2seq/recipe.ts", "lib/seq2seq/train.ts", "lib/seq2seq/transformer_model.ts", "lib/seq2seq/vocab.ts", "lib/seq2seq/gru.ts", "lib/apps/index.ts", "lib/apps/recipes.ts", "lib/apps/train_app.ts", "grader/inline.ts", "grader/student_lib.ts"];

const tsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [])).sort();

/**
 * The files of live/types.js. Emitting the declarations type-checks lib/ and the grader (~10 s idle, a minute
 * on a busy machine), so the result is cached in node_modules/.cache/attention-kit-site/, keyed by the
 * sources, cell_globals.d.ts and the TypeScript version.
 */
export function courseTypes(): Record<string, string> {
  const inputs = [...tsFiles(path.join(root, "lib")), ...tsFiles(path.join(root, "grader")), path.join(import.meta.dirname, "cell_globals.dts")];
  const key = createHash("sha256").update(ts.version).update(inputs.map((f) => `${path.relative(root, f)}\0${readFileSync(f, "utf8")}`).join("\0")).digest("hex").slice(0, 16);
  const cache = path.join(root, "node_modules", ".cache", "attention-kit-site", `types-${key}.json`);
  try { return JSON.parse(readFileSync(cache, "utf8")) as Record<string, string>; } catch { /* not cached yet */ }
  const files = emitTypes();
  try {
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(`${cache}.${process.pid}`, JSON.stringify(files));
    renameSync(`${cache}.${process.pid}`, cache);
  } catch { /* a read-only install builds without the cache */ }
  return files;
}

function emitTypes(): Record<string, string> {
  const files: Record<string, string> = {};
  const tsLib = path.dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.es5.d.ts"));
  for (const f of readdirSync(tsLib).filter((f) => /^lib\.(es5|es20\d\d(\.\w+)*|decorators(\.legacy)?)\.d\.ts$/.test(f) && !f.includes(".full."))) files[`/ts/${f}`] = readFileSync(path.join(tsLib, f), "utf8");
  const program = ts.createProgram(DECLARED.map((f) => path.join(root, f)), {
    declaration: true, emitDeclarationOnly: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true, esModuleInterop: true, types: ["node"], outDir: path.join(root, ".d"), rootDir: root,
  });
  program.emit(undefined, (file, text) => { files[`/course/${path.relative(path.join(root, ".d"), file)}`] = text; });
  files["/course/grader/student_env.d.ts"] = readFileSync(path.join(root, "grader", "student_env.d.ts"), "utf8"); // the page's Check (grader_check.ts)
  files["/course/cell_globals.d.ts"] = readFileSync(path.join(import.meta.dirname, "cell_globals.dts"), "utf8");
  return files;
}
