// The hint line of a wrong answer: what to check, and the notebook section that explains it. Each exercise
// declares its hint beside its reference body (solutions/*.ts, see spec/declare.ts); here it is looked up and written.
import { caseKey } from "./cases.js";
import { exercises } from "./exercises.js";
import type { Hint } from "./spec/declare.js";

/** Each exercise's hint with its parameter names, by "file#name". */
export const hints: Record<string, Hint & { params: string[] }> = Object.fromEntries(exercises.map((e) => [caseKey(e), { params: e.params, ...e.hint }]));

/** A notebook heading as plain text: `Splitting $d_{model}$ into heads` → `Splitting d_model into heads`. */
export const plainHeading = (h: string) => h.replace(/\\sqrt/g, "√").replace(/[${}\\]/g, "");

/** The hint line for a wrong (or, with `nonFinite`, NaN/Infinity) answer; names the notebook section. */
export function hintFor(ex: { file: string; name: string }, nonFinite = false): string {
  const h = hints[caseKey(ex)];
  if (!h) return "";
  return `hint: ${(nonFinite && h.nonFinite) || h.text} → notebook ${ex.file.slice(0, 2)}, "${plainHeading(h.section)}"`;
}
