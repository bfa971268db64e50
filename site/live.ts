// The live part of the site (site/worker/): live/live.js (the page's script), live/worker.js (the cell
// runner with the library and TypeScript, loaded on the first Run) and live/files.js (the data files and
// public cases cells read), and the exercise section of each lesson page. The reference solutions and
// anything about hidden cases never reach the site: the bundle refuses a solutions/ input.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "../grader/course_root.js";
import { build } from "esbuild";
import { bundleWorker, courseFiles } from "./worker/bundle.js";
import { courseTypes } from "./worker/types.js";
import { escapeHtml, type Notebook } from "./render.js";

const root = courseRoot;

export interface LiveSizes { live: number; worker: number; files: number }

export async function writeLive(out: string): Promise<LiveSizes> {
  const dir = path.join(out, "live");
  mkdirSync(dir, { recursive: true });
  const w = await bundleWorker();
  const leaked = w.inputs.filter((f) => /^(solutions|test)\//.test(f) || f.includes("grader/reference"));
  if (leaked.length) throw new Error(`writeLive: the worker bundle would ship ${leaked.join(", ")}`);
  const worker = `window.attentionKitWorker = function () {\n${w.js}\n};\n`;
  const page = await build({ entryPoints: [path.join(import.meta.dirname, "worker", "page.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", minify: true, legalComments: "none" });
  const files = `window.attentionKitCourseFiles = ${JSON.stringify(courseFiles())};\n`;
  writeFileSync(path.join(dir, "worker.js"), worker);
  writeFileSync(path.join(dir, "live.js"), page.outputFiles[0].text);
  writeFileSync(path.join(dir, "files.js"), files);
  writeFileSync(path.join(dir, "types.js"), `window.attentionKitTypes = ${JSON.stringify(courseTypes())};\n`);
  return { live: page.outputFiles[0].text.length, worker: worker.length, files: files.length };
}

/** The exercise file a notebook imports (`../exercises/01_similarity.js` → "01_similarity.ts"), or null. */
export function exerciseFileOf(nb: Notebook): string | null {
  for (const c of nb.cells) {
    const m = /\.\.\/exercises\/(\w+)\.js/.exec(Array.isArray(c.source) ? c.source.join("") : c.source);
    if (m) return `${m[1]}.ts`;
  }
  return null;
}

/** The lesson's exercise editor (filled in by live.js) and the six exercise files as shipped to students. */
export function exerciseSection(nb: Notebook): string {
  const file = exerciseFileOf(nb);
  const dir = path.join(root, "exercises");
  const stubs = Object.fromEntries(readdirSync(dir).filter((f) => /^\d\d_\w+\.ts$/.test(f)).sort().map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
  const json = JSON.stringify(stubs).replace(/</g, "\\u003c");
  return `<script type="application/json" id="exercise-stubs">${json}</script>
${file ? `<section class="exercise" data-exercise-file="${escapeHtml(file)}"><h2>Your exercises: <code>exercises/${escapeHtml(file)}</code></h2>
<p>Write your answers here and press <b>Check</b>: the public cases are graded in this page, as <code>npm run grade</code> grades them.
Your work is kept in this browser; <b>Download my exercises</b> saves the six files for <code>npm run grade</code> or your instructor.</p></section>` : ""}`;
}
