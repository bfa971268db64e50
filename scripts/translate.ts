// `npm run --silent translate`: one human-readable date per line on stdin → its ISO date on stdout, exactly
// one output line per input line, with the shipped weights. An empty line gives an empty line; a line the
// model cannot read gives a message on stderr and an empty line; it never stops mid-stream.
// `--attention` also draws each alignment as a text heatmap on stderr (stdout stays one line per input).
// `--weights DIR` reads DIR/date_translator.json (what `npm run train -- --out DIR` wrote) instead of the shipped one.
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { Seq2Seq } from "../lib/seq2seq/model.js";
import { encodeInput } from "../lib/seq2seq/vocab.js";

const argv = process.argv.slice(2), at = argv.indexOf("--weights");
const dir = at >= 0 ? argv[at + 1] : path.join(import.meta.dirname, "..", "notebooks", "data");
const weights = path.resolve(dir ?? "", "date_translator.json");
if (at >= 0 && (!dir || !existsSync(weights))) {
  process.stderr.write(`translate: --weights needs a folder holding date_translator.json (from npm run train -- --out DIR); ${dir ? `${weights} does not exist` : "no folder given"}\n`);
  process.exit(2);
}
const model = Seq2Seq.fromJSON(JSON.parse(readFileSync(weights, "utf8")));
const showAttention = process.argv.includes("--attention");
const SHADES = " ░▒▓█";

/** Rows: output characters; columns: input characters; darker = more attention. */
export function textHeatmap(input: string, output: string, attention: number[][]): string {
  const rows = attention.map((w, i) => `${output[i]} │${w.map((v) => SHADES[Math.min(4, Math.round(v * 4))]).join("")}│`);
  return [`    ${input}`, ...rows].join("\n");
}

let lineNo = 0;
for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  lineNo++;
  const text = raw.trim().toLowerCase().replace(/,/g, "");
  if (text === "") { process.stdout.write("\n"); continue; }
  try {
    encodeInput(text); // validates length and characters with a clear message
    const [r] = model.translate([text]);
    process.stdout.write(`${r.iso}\n`);
    if (showAttention) process.stderr.write(`${textHeatmap(text, r.iso, r.attention)}\n\n`);
  } catch (e) {
    process.stderr.write(`translate: line ${lineNo}: ${(e as Error).message}\n`);
    process.stdout.write("\n");
  }
}
