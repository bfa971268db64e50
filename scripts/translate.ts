// `npm run --silent translate`: one human-readable date per line on stdin → its ISO date on stdout, exactly
// one output line per input line, with the shipped weights. An empty line gives an empty line; a line the
// model cannot read gives a message on stderr and an empty line; it never stops mid-stream.
// `--attention` also draws each alignment as a text heatmap on stderr (stdout stays one line per input).
// `--weights DIR` reads DIR/date_translator.json (what `npm run train -- --out DIR` wrote) instead of the shipped one.
// `--model bahdanau|luong|transformer` picks the translator (default bahdanau): date_translator.json,
// date_translator_luong.json or date_transformer.json (whose --attention map is the last decoder layer's
// cross-attention, averaged over its heads).
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { Seq2Seq } from "../lib/seq2seq/model.js";
import { DateTransformer } from "../lib/seq2seq/transformer_model.js";
import { encodeInput } from "../lib/seq2seq/vocab.js";
import { scriptOptions } from "./options.js";

const options = scriptOptions("translate", { attention: "flag", weights: "value", model: ["bahdanau", "luong", "transformer"] });
const FILES = { bahdanau: "date_translator.json", luong: "date_translator_luong.json", transformer: "date_transformer.json" } as const;
const modelName = options.model ?? "bahdanau";
const file = FILES[modelName];
const weights = path.resolve(options.weights ?? path.join(import.meta.dirname, "..", "notebooks", "data"), file);
if (options.weights !== undefined && !existsSync(weights)) {
  process.stderr.write(`translate: --weights needs a folder holding ${file} (from npm run train -- --model ${modelName} --out DIR); ${weights} does not exist\n`);
  process.exit(2);
}
const json: unknown = JSON.parse(readFileSync(weights, "utf8"));
const model = modelName === "transformer" ? DateTransformer.fromJSON(json) : Seq2Seq.fromJSON(json);
/** One text → its ISO date and a (10 × length) attention map (the Transformer's: its last decoder layer's heads, averaged). */
const translateOne = (text: string): { iso: string; attention: number[][] } => model.translate([text])[0];
const showAttention = options.attention === true;
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
    const r = translateOne(text);
    process.stdout.write(`${r.iso}\n`);
    if (showAttention) process.stderr.write(`${textHeatmap(text, r.iso, r.attention)}\n\n`);
  } catch (e) {
    process.stderr.write(`translate: line ${lineNo}: ${(e as Error).message}\n`);
    process.stdout.write("\n");
  }
}
