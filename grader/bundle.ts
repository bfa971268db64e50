// Compiles one submission file and the lib helpers it may use into a single plain .mjs, so the sandboxed
// child needs no TypeScript loader and may read nothing but that file. The resolver below is the guard on what
// a submission can compile in: every module edge esbuild sees (static import, re-export, `require` in any
// spelling, `import()`) comes through it, every file loaded (glob patterns skip onResolve) is checked again, and from the submission only "../lib/index.js" is
// admitted, as a facade with just the names its exercise file allows (static_check.ts only says so earlier).
import { build, type OnResolveArgs, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";

import { courseRoot as root } from "./course_root.js";

const libDir = path.resolve(root, "lib") + path.sep;
const facadeFile = path.resolve(root, "grader", "student_lib.ts");
const LIB_INDEX = /^\.\.\/lib\/index(\.js|\.ts)?$/;
const NS = "student-lib";

/** student_lib.ts cut to the `allowed` names: `export { Matrix } from "../lib/matrix.js";` lines only. */
function facadeFor(allowed: string[]): string {
  return readFileSync(facadeFile, "utf8").split("\n")
    .filter((l) => { const m = l.match(/^export \{ (\w+) \} from "\.\.\/lib\/[\w/]+\.js";$/); return m && allowed.includes(m[1]); })
    .join("\n") + "\nexport {};\n";
}

/** The one resolver: the entry file, its facade, and lib files (and the builtins they use) imported by lib files. */
function guard(entry: string, name: string, allowed: string[]): Plugin {
  return {
    name: "submission-guard",
    setup(b) {
      const refuse = (a: OnResolveArgs, why: string) => ({ errors: [{ text: `refused: ${JSON.stringify(a.path)} (${a.kind}) ${why}; ${name} may import only from "../lib/index.js"` }] });
      b.onResolve({ filter: /.*/ }, async (a) => {
        if (a.pluginData === "inner") return undefined; // our own b.resolve below
        if (a.kind === "entry-point") return path.resolve(a.path) === entry ? { path: entry } : refuse(a, "is not the submission");
        const fromLib = a.namespace === NS || (a.namespace === "file" && a.importer.startsWith(libDir));
        if (!fromLib) {
          if (a.namespace === "file" && a.importer === entry && LIB_INDEX.test(a.path) && a.kind === "import-statement") return { path: name, namespace: NS };
          return refuse(a, "is not allowed");
        }
        const r = await b.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, importer: a.importer, pluginData: "inner" });
        if (r.errors.length) return { errors: r.errors };
        if (r.external && /^node:/.test(r.path)) return r;
        if (!r.external && r.namespace === "file" && path.resolve(r.path).startsWith(libDir)) return { path: path.resolve(r.path) };
        return refuse(a, "is outside lib/");
      });
      // esbuild expands a glob-style specifier (`require("./x/" + k)`, `import(`./${k}.ts`)`) without calling onResolve,
      // so every file loaded is checked again here: only the entry and lib/ files may be read.
      b.onLoad({ filter: /.*/, namespace: "file" }, (a) => (a.path === entry || a.path.startsWith(libDir) ? undefined
        : { errors: [{ text: `refused: the file loads ${JSON.stringify(path.relative(path.dirname(entry), a.path))} (a computed path); ${name} may import only from "../lib/index.js"` }] }));
      b.onLoad({ filter: /.*/, namespace: NS }, () => ({ contents: facadeFor(allowed), loader: "ts", resolveDir: path.dirname(facadeFile) }));
    },
  };
}

/**
 * The bundled JavaScript of `file`, whose facade holds the `allowed` names (exercises.ts's allowedLibImports for
 * its name: an argument, so the checker process need not load the exercise list), or throws with esbuild's
 * message (line and column included).
 */
export async function bundle(file: string, allowed: string[], name = path.basename(file)): Promise<string> {
  const entry = path.resolve(file);
  const result = await build({
    entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent", target: "node20",
    plugins: [guard(entry, name, allowed)], metafile: true,
  }).then((r) => {
    // the entry's own edges once more, as esbuild recorded them (a glob into lib/ would pass the onLoad check)
    const own = Object.entries(r.metafile.inputs).find(([k]) => path.resolve(k) === entry)?.[1];
    // <runtime>: esbuild's own helpers; an external "../lib/index.js": an import TypeScript elides (unused or types only)
    const stray = own?.imports.find((i) => i.path !== `${NS}:${name}` && i.path !== "<runtime>" && !(i.external && LIB_INDEX.test(i.path)));
    if (!own || stray) throw { errors: [{ text: `refused: the file loads ${JSON.stringify(stray?.path ?? "?")}; ${name} may import only from "../lib/index.js"` }] };
    return r;
  }).catch((e: { errors?: { text: string; location?: { line: number; column: number } | null }[] }) => {
    const first = e.errors?.[0];
    throw new Error(first ? `${first.location ? `line ${first.location.line}:${first.location.column + 1}: ` : ""}${first.text}` : String(e));
  });
  return result.outputFiles[0].text;
}
