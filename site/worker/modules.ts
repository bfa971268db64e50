// What a cell (or an exercise file) can import in the page, by the specifier a notebook uses: the library
// bundled for the browser, the grader's in-page check, the shims of the Node modules notebooks use, and
// the learner's exercise files (compiled from the editor's text on import).
import * as lib from "../../lib/index.js";
import * as plot from "../../lib/plot/index.js";
import * as autodiff from "../../lib/autodiff/index.js";
import * as transformer from "../../lib/transformer/index.js";
import * as dates from "../../lib/seq2seq/dates.js";
import * as model from "../../lib/seq2seq/model.js";
import * as recipe from "../../lib/seq2seq/recipe.js";
import * as train from "../../lib/seq2seq/train.js";
import * as transformerModel from "../../lib/seq2seq/transformer_model.js";
import * as vocab from "../../lib/seq2seq/vocab.js";
import * as gru from "../../lib/seq2seq/gru.js";
import * as apps from "../../lib/apps/index.js";
import * as appRecipes from "../../lib/apps/recipes.js";
import * as trainApp from "../../lib/apps/train_app.js";
import * as inline from "../../grader/inline.js";
import * as tslab from "../../lib/plot/tslab.js";
import * as assert from "./shims/assert.js";
import * as fs from "./shims/fs.js";
import * as path from "./shims/path.js";
import * as util from "./shims/util.js";
import { compileModule } from "./compile.js";

const course: Record<string, unknown> = {
  "lib/index": lib, "lib/plot/index": plot, "lib/autodiff/index": autodiff, "lib/transformer/index": transformer,
  "lib/seq2seq/dates": dates, "lib/seq2seq/model": model, "lib/seq2seq/recipe": recipe, "lib/seq2seq/train": train,
  "lib/seq2seq/transformer_model": transformerModel, "lib/seq2seq/vocab": vocab, "lib/seq2seq/gru": gru, "grader/inline": inline,
  "lib/apps/index": apps, "lib/apps/recipes": appRecipes, "lib/apps/train_app": trainApp,
};
const builtins: Record<string, unknown> = {
  "tslab": tslab, "node:assert/strict": assert, "node:assert": assert, "assert": assert, "node:fs": fs, "fs": fs, "node:path": path, "path": path, "node:util": util, "util": util,
};

/** The learner's exercise files by name (e.g. "00_soft_lookup.ts"), as the page last sent them. */
export const exerciseSources = new Map<string, string>();
const compiled = new Map<string, { source: string; exports: Record<string, unknown> }>();

/** A course path (no extension) for a specifier relative to notebooks/ or exercises/, or null. */
const coursePath = (spec: string): string | null => {
  const m = /^\.\.\/((?:lib|grader|exercises)\/[\w/]+?)(?:\/index)?(?:\.[cm]?[jt]s)?$/.exec(spec);
  if (!m) return null;
  return course[m[1]] !== undefined || m[1].startsWith("exercises/") ? m[1] : course[`${m[1]}/index`] !== undefined ? `${m[1]}/index` : m[1];
};

export function loadModule(spec: string): unknown {
  if (builtins[spec]) return builtins[spec];
  const p = coursePath(spec);
  if (p && course[p]) return course[p];
  if (p?.startsWith("exercises/")) return exerciseModule(`${p.slice("exercises/".length)}.ts`);
  const known = [...Object.keys(course).map((k) => `../${k}.js`), "../exercises/<file>.js", ...Object.keys(builtins).filter((k) => k.startsWith("node:"))];
  throw new Error(`Cannot find module '${spec}': in the browser a cell can import ${known.join(", ")}`);
}

function exerciseModule(file: string): Record<string, unknown> {
  const source = exerciseSources.get(file);
  if (source === undefined) throw new Error(`Cannot find module '../exercises/${file.replace(/\.ts$/, ".js")}': the course has ${[...exerciseSources.keys()].join(", ")}`);
  const hit = compiled.get(file);
  if (hit && hit.source === source) return hit.exports;
  const module = { exports: {} as Record<string, unknown> };
  const js = compileModule(source, file);
  // eslint-disable-next-line no-new-func
  new Function("require", "exports", "module", `${js}\n//# sourceURL=exercises/${file}`)(loadModule, module.exports, module);
  compiled.set(file, { source, exports: module.exports });
  return module.exports;
}
