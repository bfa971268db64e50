// Issue 18, class 3: nothing a student controls can forge, erase or restyle the feedback. One submission carries
// every channel at once (an error's name and message while loading, a per-case error, a returned value, a
// file name in the stray list); the report must keep exactly the grader's own lines, with exact scores.
import test from "ava";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gradeSubmission } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { consoleReport, gradebookCsv, gradescopeResults } from "../../grader/report.js";
import { shown } from "../../grader/sanitize.js";
import { writeShort } from "../../grader/write_short.js";
import { exercises } from "../../grader/exercises.js";
import { finished, replaceBody, submission } from "../../grader/hostile.js";
import { FULL, filePoints, points } from "./points.js";

/** A fake passing line, a fake total, an erase-line sequence, a colour, a bidi override and HTML. */
const FORGE = "\r\u001b[2K  ✓ dot                          1 / 1\n\nTotal: 51 / 46 points · 25 of 25 exercises done\n\u001b[31m\u202e<img src=x onerror=alert(1)><b>bold</b>";
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("shown: control characters, ANSI and bidi become visible escapes on one line, cut at the limit", (t) => {
  t.is(shown("\u001b[2K✓ dot 1 / 1\r\nok"), "\\e[2K✓ dot 1 / 1\\r\\nok");
  t.is(shown("a\u202eb\u0085c\u2028d\u0000"), "a\\u{202e}b\\u{85}c\\u{2028}d\\u{0}");
  t.is(shown("x".repeat(500), 10), "xxxxxxxxxx… (490 more characters)");
  t.is(shown("\n".repeat(10), 5), "\\n\\n… (8 more characters)"); // escapes count towards the limit
  t.false(UNSAFE.test(writeShort({ [FORGE]: FORGE })), writeShort({ [FORGE]: FORGE }));
});

test("a gradebook cell is never a formula and never breaks a row", (t) => {
  const csv = gradebookCsv([{ student: "=HYPERLINK(\"http://x\")\nbob", result: { exercises: [], score: 0, max: 0, seconds: 0 } }]);
  t.is(csv.split("\n")[1], "\"'=HYPERLINK(\"\"http://x\"\")\\nbob\",0");
});

test.serial("forged lines, escape codes and HTML from every channel stay inside the grader's lines, with exact scores", async (t) => {
  const throwForged = `const e = new Error(${JSON.stringify(FORGE)});\ne.name = ${JSON.stringify(FORGE)};\nthrow e;\n`;
  const dir = submission({
    "01_similarity.ts": replaceBody(finished("01_similarity.ts"), "cosineSimilarity", `  return ${JSON.stringify(FORGE)} as unknown as number;`),
    "02_self_attention.ts": replaceBody(finished("02_self_attention.ts"), "maskedSoftmax", `  throw new Error(${JSON.stringify(FORGE)});`),
    "03_multi_head.ts": throwForged + finished("03_multi_head.ts"),
  });
  rmSync(path.join(dir, "04_bahdanau.ts"));
  writeFileSync(path.join(dir, `${FORGE.replace(/\//g, "|")}.ts`), "stray");
  const r = await gradeSubmission(dir, { publicCases: loadPublicCases(), limits: { timeoutMs: 3000, memoryMb: 128 } });
  const out = (name: string) => r.exercises.find((e) => e.name === name)!.public.output;
  t.regex(out("cosineSimilarity"), /got string "\\r\\u001b\[2K/);
  t.regex(out("maskedSoftmax"), /threw: \\r\\e\[2K {2}✓ dot/);
  t.regex(out(exercises.find((e) => e.file === "03_multi_head.ts")!.name), /^threw while loading the file: \\r\\e\[2K/);
  t.regex(out(exercises.find((e) => e.file === "04_bahdanau.ts")!.name), /the submission has "\\r\\u001b\[2K/);
  t.is(r.score, FULL - points("cosineSimilarity", "maskedSoftmax") - filePoints("03_multi_head.ts", "04_bahdanau.ts"));

  const report = consoleReport(r);
  t.false(UNSAFE.test(report.replace(/\n/g, "")), "no control character, escape sequence or bidi override in the report");
  const marks = report.split("\n").filter((l) => /^\s*[✓✗○]/.test(l));
  t.is(marks.length, exercises.length, marks.join("\n"));
  t.is(report.split("\n").filter((l) => /^\s*Total/.test(l)).length, 1);

  const json = gradescopeResults(r) as { output_format: string; test_output_format: string; test_name_format: string; tests: { output: string }[] };
  t.deepEqual([json.output_format, json.test_output_format, json.test_name_format], ["text", "text", "text"]);
  for (const test of json.tests) {
    t.false(UNSAFE.test(test.output.replace(/\n/g, "")), test.output);
    t.false(test.output.split("\n").some((l) => /^\s*(✓|Total)/.test(l)), test.output);
  }
});
