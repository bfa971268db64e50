// One source per exercise: points, title, allowed imports and hint are declared once, beside the reference body
// in solutions/*.ts (grader/spec/declare.ts). The generated files (exercises/, grader/manifest.ts, the public cases)
// are derived and checked current by markers.test.ts; any other copy fails here.
import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { exercises } from "../../grader/exercises.js";
import { manifest } from "../../grader/manifest.js";
import { solutionLessons } from "../../grader/reference.js";

const root = path.resolve(import.meta.dirname, "../..");
const GENERATED = new Set(["grader/manifest.ts", "grader/cases/public.json"]);
const SKIP = /^(node_modules|\.git|\.out|exercises|notebooks\/\.ipynb_checkpoints)(\/|$)/;

/** Every text source of the course but the generated files, as [relative path, text]. */
function sources(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (SKIP.test(r) || GENERATED.has(r)) continue;
      if (statSync(path.join(root, r)).isDirectory()) walk(r);
      else if (/\.(ts|mts|mjs|md|json|ipynb|py)$/.test(name) && !/package(-lock)?\.json$/.test(name)) out.push([r, readFileSync(path.join(root, r), "utf8")]);
    }
  };
  walk("");
  return out;
}
const all = sources();
const occurrencesIn = (files: [string, string][], needle: string) => files.filter(([, text]) => text.includes(needle)).map(([r]) => r);
const occurrences = (needle: string) => occurrencesIn(all, needle);

test("each exercise's title and hint texts are written once, in its solution file", (t) => {
  for (const ex of exercises) {
    const declared = manifest.find((l) => l.file === ex.file)!.exercises.find((e) => e.name === ex.name)!;
    for (const text of [declared.title, ex.hint.text]) {
      t.deepEqual(occurrences(JSON.stringify(text)), [`solutions/${ex.file}`], `${ex.file}#${ex.name}: ${text}`);
    }
    if (ex.hint.nonFinite) t.is(occurrences(JSON.stringify(ex.hint.nonFinite)).length <= 1, true, `${ex.name}'s nonFinite hint is written twice`);
  }
});

test("no source but a solution declares points, hints or allowed imports, and no solution's prose repeats them", (t) => {
  const declaring = /(?:^|[{,]\s*)(points|imports|section|nonFinite)\s*:\s*["[\d]|allowedLibImports\s*[:=]\s*\{/m;
  const allowed = (r: string) => r.startsWith("solutions/") || r.startsWith("test/") || r === "grader/spec/declare.ts" || r === "grader/generate.ts";
  t.deepEqual(all.filter(([r, text]) => !allowed(r) && /\.(ts|mts|mjs)$/.test(r) && declaring.test(text)).map(([r]) => r), []);
  for (const l of solutionLessons) {
    const text = readFileSync(path.join(root, "solutions", l.file), "utf8");
    t.notRegex(text, /\(\d+ points?\b/, `solutions/${l.file}: points belong in exercise(…), the generator writes them into the prose`);
    t.notRegex(text, /Allowed imports/i, `solutions/${l.file}: allowed imports belong in lesson({ imports }), the generator writes them`);
    t.notRegex(text, /^ \* \d+\.\d+ · /m, `solutions/${l.file}: exercise numbers are generated from the order of declaration`);
  }
});

test("the copy detector sees a second copy: a hint pasted into another file is found twice", (t) => {
  const ex = exercises[0];
  const withCopy: [string, string][] = [...all, ["grader/extra.ts", `export const h = ${JSON.stringify(ex.hint.text)};`]];
  t.deepEqual(occurrencesIn(withCopy, JSON.stringify(ex.hint.text)), [`solutions/${ex.file}`, "grader/extra.ts"]);
});
