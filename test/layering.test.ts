// Layers read downward only: every relative import in the repository (TypeScript, JavaScript and the notebooks'
// code cells) must follow an arrow of the README's "Layers" block (Layout section). A folder may import
// itself and npm packages; anything else fails here with the file and the import.
import test from "ava";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const SOURCE = /\.(ts|mts|mjs|cjs|js|ipynb)$/;
const SKIP = new Set(["node_modules", "fixtures"]); // test fixtures are student files and patches, not project code
/** Arrows against the layering that another issue removes; each must still exist, so a fixed one is dropped here. */
const KNOWN: Record<string, string> = {
};

/** Families of arrows that arrived with merged work and wait on their owners; each must still match one. */
const KNOWN_FAMILIES: [RegExp, string][] = [
  [/^solutions\/[^ ]+ → grader\//, "solutions declare exercises with grader's helpers while grader/reference.ts imports solutions: a cycle to split"],
];
const isKnown = (v: string) => v in KNOWN || KNOWN_FAMILIES.some(([re]) => re.test(v));

export type Rules = Map<string, Set<string>>;

/** The README's block of `layer/ → layer/ layer/ …` lines ("*" = anything, "nothing" = no other layer). */
export function parseLayers(text: string): Rules {
  const block = text.match(/<!-- layers -->\s*```\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("parseLayers: the README has no ```-block after <!-- layers -->");
  const rules: Rules = new Map();
  for (const line of block.split("\n").filter((l) => l.trim())) {
    const m = line.match(/^(\S+\/)\s+→\s+(.*?)(?:\s{2,}.*)?$/);
    if (!m) throw new Error(`parseLayers: cannot read the line ${JSON.stringify(line)}`);
    rules.set(m[1], new Set(m[2] === "nothing" ? [] : m[2].split(/\s+/)));
  }
  return rules;
}

/** The layer of a repository path: the longest layer folder it lies in ("" when none). */
export const layerOf = (rules: Rules, file: string) => [...rules.keys()].filter((l) => file.startsWith(l)).sort((a, b) => b.length - a.length)[0] ?? "";

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (e.name.startsWith(".") || SKIP.has(e.name)) continue;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) yield* sources(rel);
    else if (SOURCE.test(e.name)) yield rel;
  }
}

const codeOf = (file: string, text: string) => file.endsWith(".ipynb")
  ? (JSON.parse(text).cells as { cell_type: string; source: string | string[] }[]).filter((c) => c.cell_type === "code").map((c) => [c.source].flat().join("")).join("\n")
  : text;

/** Every relative import of `code` (static, dynamic, re-export, require), resolved against `file`'s folder. */
export function importsOf(file: string, code: string): string[] {
  const specs = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"'$`]+)["']/g)].map((m) => m[1]);
  return specs.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, ".ts"));
}

/** Every arrow of `files` (path → text) that the rules forbid, as "from → to". */
export function violations(rules: Rules, files: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(rules, file);
    for (const target of importsOf(file, codeOf(file, text))) {
      const to = layerOf(rules, target);
      if (from === to) continue;
      const allowed = rules.get(from);
      if (!allowed || !(allowed.has("*") || allowed.has(to))) bad.push(`${file} → ${target}`);
    }
    if (from === "cell/" && /from\s*["']node:/.test(text)) bad.push(`${file} → node: (cell/ must bundle for the browser)`);
  }
  return bad;
}

const rules = parseLayers(readme);
const files = new Map([...sources("")].map((f) => [f, readFileSync(path.join(root, f), "utf8")]));

test("every import follows the README's layering", (t) => {
  const bad = violations(rules, files);
  t.deepEqual(bad.filter((v) => !isKnown(v)), []);
  for (const known of Object.keys(KNOWN)) t.true(bad.includes(known), `${known} is gone: drop it from KNOWN`);
  for (const [re, why] of KNOWN_FAMILIES) t.true(bad.some((v) => re.test(v)), `no arrow matches ${re} any more (${why}): drop it`);
});

test("every top-level folder with code has a layer", (t) => {
  const folders = new Set([...files.keys()].filter((f) => f.includes("/")).map((f) => `${f.split("/")[0]}/`));
  t.deepEqual([...folders].filter((f) => !rules.has(f)), [], "folders missing from the README's layers");
});

test("nothing imports test/ (it is the top)", (t) => {
  t.deepEqual([...rules].filter(([l, to]) => l !== "test/" && (to.has("test/") || to.has("*"))).map(([l]) => l), []);
});

// The checker must catch what it exists for; each case adds one file to the real tree.
const withFile = (file: string, text: string) => violations(rules, new Map([...files, [file, text]])).filter((v) => !isKnown(v));
test("a wrong-way arrow is caught: lib importing lib/plot, a script importing a test", (t) => {
  t.deepEqual(withFile("lib/extra.ts", 'import { show } from "./plot/index.js";'), ["lib/extra.ts → lib/plot/index.ts"]);
  t.deepEqual(withFile("scripts/extra.ts", 'const h = await import("../test/helpers.js");'), ["scripts/extra.ts → test/helpers.ts"]);
  t.deepEqual(withFile("site/extra.ts", 'export * from "../scripts/start.js";'), ["site/extra.ts → scripts/start.ts"]);
});

test("a notebook's import is checked, and cell/ may not use Node's modules", (t) => {
  const nb = JSON.stringify({ cells: [{ cell_type: "code", source: ['import { x } from "../kernel/main.js";'] }] });
  t.deepEqual(withFile("notebooks/99-x.ipynb", nb), ["notebooks/99-x.ipynb → kernel/main.ts"]);
  t.deepEqual(withFile("cell/extra.ts", 'import { readFileSync } from "node:fs";'), ["cell/extra.ts → node: (cell/ must bundle for the browser)"]);
});

test("the layers block is read as written; a line it cannot read is an error", (t) => {
  const r = parseLayers("<!-- layers -->\n```\nlib/plot/  →  lib/   figures\nlib/       →  nothing\n```\n");
  t.deepEqual([...r].map(([k, v]) => [k, [...v]]), [["lib/plot/", ["lib/"]], ["lib/", []]]);
  t.is(layerOf(r, "lib/plot/show.ts"), "lib/plot/");
  t.throws(() => parseLayers("<!-- layers -->\n```\nlib imports plot\n```\n"), { message: /cannot read the line/ });
});
