// cell/: the one definition of how a cell becomes runnable code, shared by the kernel and the browser pages.
// Cells run here in a fresh vm context standing in for a host (the kernel's process or a page's worker).
import test from "ava";
import vm from "node:vm";
import path from "node:path";
import { buildSync } from "esbuild";
import { SourceMap } from "node:module";
import { compileCell, compileError, cellScript, cellLines, installRuntime, runCell, CellScope, topLevelNames, type CompiledCell } from "../../cell/index.js";

const root = path.join(import.meta.dirname, "..", "..");

/** A host: a global scope of its own, modules from a table, cells evaluated as scripts in that scope. */
function host(modules: Record<string, unknown> = {}) {
  const global = vm.createContext({});
  installRuntime({ meta: { url: "file:///nb/notebook.ipynb", resolve: (s) => new URL(s, "file:///nb/notebook.ipynb").href }, dynamicImport: async (s) => modules[s] }, global);
  const run = async (code: string) => {
    const { result } = await runCell(compileCell(code), {
      global, load: async (s) => modules[s], evaluate: (script) => vm.runInContext(script.source, global),
    });
    return await result;
  };
  return { global, run };
}

test("later cells see earlier cells' top-level names, shorthand included", async (t) => {
  const { run } = host();
  await run("const numHeads: number = 4;\nlet dK = 8;\nfunction width(n: number) { return n * dK; }\nclass Box { constructor(readonly v: number) {} }");
  t.deepEqual(await run("({ numHeads, w: width(numHeads), box: new Box(2).v })"), { numHeads: 4, w: 32, box: 2 });
  await run("dK = 16;");
  t.is(await run("width(1)"), 16, "a let of an earlier cell can be reassigned and functions read the new value");
});

test("re-running a cell that declares a const works", async (t) => {
  const { run } = host();
  const cell = "const seed = Math.floor(7.9);\nseed";
  t.is(await run(cell), 7);
  t.is(await run(cell), 7);
});

test("the last expression is the cell's value; a declaration or a statement gives undefined", async (t) => {
  const { run } = host();
  t.is(await run("1 + 1"), 2);
  t.is(await run("const z = 3;"), undefined);
  t.is(await run("if (true) { 5 }"), undefined);
  t.is(await run("'text'"), "text");
});

test("top-level await works and marks the cell async", async (t) => {
  const { run } = host();
  t.true(compileCell("await 1").isAsync);
  t.false(compileCell("async function f() { await 1 }").isAsync, "await inside a function is not top-level");
  t.is(await run("const v = await Promise.resolve(21);\nv * 2"), 42);
});

test("imports read modules the host loaded, in order; default, namespace and renamed bindings", async (t) => {
  const lib = { softmax: (x: number[]) => x.map(() => 1 / x.length), default: "dflt" };
  const { run } = host({ "../lib/index.js": lib, "node:path": { sep: "/" } });
  const cell = 'import d, { softmax as sm } from "../lib/index.js";\nimport * as p from "node:path";\n[d, sm([1, 2]), p.sep]';
  t.deepEqual(compileCell(cell).imports, ["../lib/index.js", "node:path"]);
  t.deepEqual(await run(cell), ["dflt", [0.5, 0.5], "/"]);
  t.deepEqual(compileCell('import type { X } from "./t.js";\n1').imports, [], "a type-only import loads nothing");
});

test("import.meta and import() go through the host's runtime", async (t) => {
  const { run } = host({ "./x.js": { x: 1 } });
  t.is(await run("import.meta.url"), "file:///nb/notebook.ipynb");
  t.deepEqual(await run('(await import("./x.js"))'), { x: 1 });
});

test("the body keeps the cell's line count, and its source map points back at cell lines", (t) => {
  const code = "interface P { a: number }\nconst p: P = { a: 1 };\n\nconst q = p.a +\n  2;\nq";
  const cell: CompiledCell = compileCell(code);
  const lines = cell.body.split("\n");
  const qLine = lines.findIndex((l) => l.includes("return (q)"));
  const map = new SourceMap(JSON.parse(cell.sourceMap));
  t.is((map.findEntry(qLine, lines[qLine].indexOf("q)")) as { originalLine: number }).originalLine, 5);
  t.is(cellScript(cell).bodyLines, lines.length);
});

test("cellLines maps every place of the body to the cell line node:module's SourceMap gives", (t) => {
  const cells = [
    "type T = number;\nconst n: T = 1;\nn",
    "interface P { a: number }\nconst p: P = { a: 1 };\n\nconst q = p.a +\n  2;\nfunction f(x: number) {\n  if (x) throw new Error('x'); return x }\nq",
    "enum E { A, B }\nconst e = E.B;\nclass K { constructor(private readonly z: number) {} }\nnew K(1)",
    'import { a, type B } from "./m.js";\nimport type { C } from "./c.js";\nconst x = await Promise.resolve(a as B);\nexport const y = { x };\n/* ok */ `${x}\n${y}`',
  ];
  let places = 0;
  for (const code of cells) {
    const cell = compileCell(code);
    const mine = cellLines(cell.sourceMap), node = new SourceMap(JSON.parse(cell.sourceMap));
    cell.body.split("\n").forEach((text, line) => {
      for (let col = 0; col <= text.length; col++, places++) {
        const e = node.findEntry(line, col) as { originalLine?: number };
        t.is(mine(line, col), e.originalLine === undefined ? undefined : e.originalLine + 1, `${JSON.stringify(code)} at ${line}:${col}`);
      }
    });
  }
  t.true(places > 300);
});

test("a syntax error is reported with its cell line and never crashes the compiler", (t) => {
  // the kernel's checker reports syntax errors before this; a page that runs unchecked cells gets them here
  for (const code of ["const = 1", "let x = ;", "1;\nfunction (", "1 +"]) {
    const { syntaxErrors } = compileCell(code);
    t.true(syntaxErrors.length > 0, code);
    t.is(syntaxErrors[0].line, code.split("\n").length, code);
  }
  t.deepEqual(compileCell("let x = 1;\nx").syntaxErrors, []);
  t.deepEqual(compileCell("let x: string = 1;").syntaxErrors, [], "a type error is not a syntax error");
  t.deepEqual(compileError(compileCell("const a = 1;\nlet x = ;").syntaxErrors, "Cell In[3]"), {
    ename: "SyntaxError", evalue: "line 2: Expression expected. (TS1109)",
    traceback: ["Cell In[3], line 2: error TS1109: Expression expected.", "    let x = ;", "            ^"],
  });
});

test("scope: topLevelNames and the prelude that brings earlier cells into a new one", (t) => {
  t.deepEqual([...topLevelNames("let a = 1; const { b, c: [d] } = o; function f() {} type T = 1;\nimport x, { y as z } from 'm';")],
    [["a", "let"], ["b", "other"], ["d", "other"], ["f", "other"], ["T", "other"], ["x", "other"], ["z", "other"]]);
  const scope = new CellScope();
  scope.accept("__cell_0", topLevelNames("let a = 1; const b = 2;"));
  scope.accept("__cell_1", topLevelNames("const b = 3;"));
  t.is(scope.prelude(new Map()), 'import { b } from "./__cell_1.js"; declare let a: typeof import("./__cell_0.js").a;');
  t.is(scope.prelude(topLevelNames("const a = 0;")), 'import { b } from "./__cell_1.js";', "a cell's own names shadow earlier ones");
});

test("cell/ bundles for the browser without node: modules and runs in a bare global scope", (t) => {
  const out = buildSync({
    entryPoints: [path.join(root, "cell", "index.ts")], bundle: true, platform: "browser", format: "iife", globalName: "cellKit",
    write: false, metafile: true, logLevel: "silent",
  });
  const inputs = Object.entries(out.metafile.inputs);
  // TypeScript's own Node requires are "(disabled):fs" etc. through its package.json "browser" field
  t.deepEqual(inputs.map(([f]) => f).filter((f) => !/^(cell\/|node_modules\/typescript\/|\(disabled\):)/.test(f)), [], "only cell/ and TypeScript go in");
  const cellImports = inputs.filter(([f]) => f.startsWith("cell/")).flatMap(([, i]) => i.imports.map((x) => x.path));
  t.deepEqual(cellImports.filter((p) => !/^(cell\/|node_modules\/typescript\/)/.test(p)), [], "cell/ imports only itself and typescript");
  t.true(cellImports.length >= 5);
  t.deepEqual(out.warnings, []);
  // no require, no process, no Buffer: as in a Web Worker
  const global = vm.createContext({ console });
  vm.runInContext(out.outputFiles[0].text, global);
  const value = vm.runInContext(`(() => {
    const k = globalThis.cellKit;
    k.installRuntime({ meta: { url: "https://site/x", resolve: (s) => s }, dynamicImport: async () => ({}) });
    const run = (code) => { k.declareNames(k.compileCell(code).names); globalThis.__k.mods = []; return (0, eval)(k.cellScript(k.compileCell(code)).source); };
    run("const n: number = 6;");
    return run("n * 7");
  })()`, global);
  t.is(value, 42);
});

test("doc examples in cell/ hold", async (t) => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const kit = await import("../../cell/index.js");
  let n = 0;
  for (const f of readdirSync(path.join(root, "cell")).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(path.join(root, "cell", f), "utf8").matchAll(/^ \* (.*?) \/\/ => (.*)$/gm)) {
      const got = new Function(...Object.keys(kit), `return (${m[1]});`)(...Object.values(kit));
      t.is(got, JSON.parse(m[2]), `${f}: ${m[1]}`);
      n += 1;
    }
  }
  t.true(n >= 3);
});
