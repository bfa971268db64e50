// The student bundle is whole: every relative import of every released file (TypeScript, JavaScript, the
// notebooks' code cells) names a file the bundle holds, e.g. the kernel's cell/ (how a cell becomes code).
import test from "ava";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";

const root = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|mts|mjs|cjs|js|ipynb)$/;

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.name === "node_modules" || e.name.startsWith(".") ? [] : e.isDirectory() ? files(path.join(dir, e.name)) : SOURCE.test(e.name) ? [path.join(dir, e.name)] : []);
const codeOf = (file: string) => {
  const text = readFileSync(file, "utf8");
  const code = file.endsWith(".ipynb") ? (JSON.parse(text).cells as { cell_type: string; source: string | string[] }[]).filter((c) => c.cell_type === "code").map((c) => [c.source].flat().join("")).join("\n") : text;
  return code.split("\n").filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join("\n"); // comments may quote specifiers
};
/** The relative specifiers of a file: static, dynamic, re-export, require, new URL(…, import.meta.url). */
export const relativeImports = (code: string): string[] => [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bnew URL\(\s*)["'](\.{1,2}\/[^"'$`]+)["']/g)].map((m) => m[1]);
/** Whether a specifier from `file` names a file that exists (.js standing for .ts, as tsx and NodeNext read it). */
const resolves = (file: string, spec: string) => {
  const p = path.resolve(path.dirname(file), spec);
  return [p, p.replace(/\.js$/, ".ts"), p.replace(/\.mjs$/, ".mts"), `${p}.ts`, path.join(p, "index.ts")].some((c) => existsSync(c));
};

test("npm run release: every relative import in the student bundle resolves inside it", async (t) => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "attention-kit-release-")), "bundle");
  try {
    const rel = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/release.ts ${out}`;
    t.is(rel.exitCode, 0, rel.stderr);
    const released = files(out);
    t.true(released.length > 50);
    const broken = released.flatMap((f) => relativeImports(codeOf(f)).filter((s) => !resolves(f, s)).map((s) => `${path.relative(out, f)} → ${s}`));
    t.deepEqual(broken, []);
    t.true(existsSync(path.join(out, "cell", "index.ts")), "cell/ ships: the kernel compiles cells with it");
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
});
