// train.html: the date translator trained in the page (train_page.ts, train_worker/). Its scripts go to
// OUT/train/: train.js (the page), worker.js (the worker with the library, run from a Blob) and plotly.js
// (lib/plot's offline bundle), so nothing is fetched from outside the folder.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { plotlyBundleHtml } from "../lib/plot/plotly_bundle.js";
import { TRAINING } from "../lib/seq2seq/recipe.js";
import { page } from "./page.js";

const here = import.meta.dirname;
const bundle = async (entry: string) => (await build({ entryPoints: [path.join(here, entry)], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", minify: true, legalComments: "none", logLevel: "silent" })).outputFiles[0].text;

export async function writeTrainPage(out: string): Promise<void> {
  const dir = path.join(out, "train");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "worker.js"), `window.attentionKitTrainWorker = function () {\n${await bundle("train_worker/worker.ts")}\n};\n`);
  writeFileSync(path.join(dir, "train.js"), await bundle("train_page.ts"));
  writeFileSync(path.join(dir, "plotly.js"), plotlyBundleHtml().replace(/^<script[^>]*>|<\/script>$/g, ""));
  cpSync(path.join(here, "train.css"), path.join(dir, "train.css"));
  const lrs = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2];
  const body = `<link rel="stylesheet" href="train/train.css">
<h1>Train a translator in this page</h1>
<p>The GRU encoder–decoder with Bahdanau attention of notebook 04 learns to turn dates like “5 march 1979” into
1979-03-05, here, in a Web Worker of your browser: ${TRAINING.pairs.toLocaleString("en")} training dates, batches of ${TRAINING.batchSize}, Adam, from the
same seed as <code>npm run train</code> (so the same losses). Watch the loss fall and the attention of the date
you pick turn into a diagonal-ish alignment: the day's output digits look at the day, the month's at the month.
Training stops when ${(100 * TRAINING.targetAccuracy).toFixed(1)} % of the 450 validation dates come out right.</p>
<div class="trainer">
<p><button id="train" class="run">Train</button> <button id="pause" disabled>Pause</button>
<label>learning rate <select id="lr">${lrs.map((v) => `<option value="${v}"${v === TRAINING.lr ? " selected" : ""}>${v}</option>`).join("")}</select></label></p>
<p id="train-status" class="train-status" aria-live="polite">Press Train: about half a minute on a laptop.</p>
<div id="loss" class="train-chart"></div>
<form id="pick-form"><label>watch the date <input id="pick-text" value="monday march 5 1979" autocomplete="off" spellcheck="false"></label>
<button type="submit">Watch</button> <output id="pick-out"></output></form>
<div id="heatmap" class="train-chart"></div>
<p id="train-result"></p>
<form id="translate-form"><label>translate a date <input id="translate-text" value="tuesday june 8 2021" autocomplete="off" spellcheck="false"></label>
<button type="submit" class="run">Translate</button> <output id="translate-out"></output></form>
</div>
<script src="train/plotly.js"></script>
<script src="train/worker.js"></script>
<script src="train/train.js" defer></script>`;
  writeFileSync(path.join(out, "train.html"), page("Train a translator", body));
}
