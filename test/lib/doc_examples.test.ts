// Runs the `@example` blocks of lib's doc comments: every `expr; // => value` line must hold, so the
// examples a reader copies are true. Numbers compare with relative tolerance 1e-14 (last-bit rounding).
import test from "ava";
import { readFileSync, readdirSync } from "node:fs";
import * as lib from "../../lib/index.js";

const libDir = new URL("../../lib/", import.meta.url);
// Subfolders too (transformer/, gemm/, …): an example is only worth showing if it holds.
const files = (readdirSync(libDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();

function examples(source: string): string[][] {
  const blocks: string[][] = [];
  for (const m of source.matchAll(/@example\n([\s\S]*?)\*\//g)) {
    blocks.push(m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).filter((l) => l.trim() !== ""));
  }
  return blocks;
}

function near(got: unknown, want: unknown): boolean {
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= 1e-14 * Math.max(1, Math.abs(want));
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => near(got[i], w));
  return got === want;
}

for (const file of files) {
  const blocks = examples(readFileSync(new URL(file, libDir), "utf8"));
  if (blocks.length === 0) continue;
  test(`${file}: doc examples hold`, async (t) => {
    // In scope: lib's exports, then the file's own (an example in seq2seq/ may use what only that file exports).
    const scope: Record<string, unknown> = { ...lib, ...(await import(new URL(file, libDir).href)) };
    for (const block of blocks) {
      const checks: { expr: string; want: unknown }[] = [];
      const body = block.map((line) => {
        const m = line.match(/^(.*?);\s*\/\/ => (.*?)(\s+\(.*\))?$/);
        if (!m) return line;
        checks.push({ expr: m[1], want: JSON.parse(m[2]) });
        return `__got.push(${m[1]});`;
      });
      t.true(checks.length > 0, `an example in ${file} states no result`);
      const got: unknown[] = [];
      new Function("scope", "__got", `const { ${Object.keys(scope).join(", ")} } = scope;\n${body.join("\n")}`)(scope, got);
      checks.forEach((c, i) => t.true(near(got[i], c.want), `${file}: ${c.expr} gave ${JSON.stringify(got[i])}, doc says ${JSON.stringify(c.want)}`));
    }
  });
}
