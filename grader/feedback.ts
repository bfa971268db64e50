// The feedback a student reads, shared by `npm run grade` (console and Gradescope's results.json) and the
// self-check cell of each notebook: the verdict on one exercise's cases, its block in a report, the summary.
import type { Exercise } from "./exercises.js";
import type { Outcome } from "./run.js";
import { firstDifference, isExpectedThrow } from "./compare.js";
import { hintFor, hints } from "./hints.js";
import { sideBySide, writeInputs, writeValue } from "./values.js";
import { caseKey } from "./cases.js";
import { shown } from "./spec/sanitize.js";

export type Status = "done" | "not started" | "needs work";
export interface Verdict { status: Status; output: string }

const STUB = /^not implemented yet\b/;
const indent = (lines: string[], by = "  ") => lines.map((l) => by + l);
/** A thrown message is the student's text: one line, at most MAX_MESSAGE characters in the report. */
const MAX_MESSAGE = 300;
const clip = (m: string) => shown(m, MAX_MESSAGE);

/** Follows `fields` then `index` into a value; undefined when the path does not exist. */
const at = (v: unknown, fields: string[], index: number[]): unknown =>
  [...fields, ...index].reduce<unknown>((x, k) => (x !== null && typeof x === "object" ? (x as Record<string, unknown>)[k] : undefined), v);

/** Why one case fails, with its inputs, the expected and returned rows and the hint; null when it passes. */
export function caseFeedback(ex: Pick<Exercise, "file" | "name" | "check">, i: number, n: number, args: unknown[], outcome: Outcome | undefined, expected: unknown): string | null {
  const inputs = () => indent(writeInputs(hints[caseKey(ex)]?.params ?? [], args));
  const head = `case ${i + 1} of ${n}`;
  if (!outcome) return `${head}: no result`;
  if (isExpectedThrow(expected)) { // bad input: the right answer is an Error that names the function
    const named = !outcome.ok && outcome.error.includes(expected.throws);
    if (named) return null;
    const got = outcome.ok ? `returned ${writeValue(outcome.value)}` : `threw "${clip(outcome.error)}", which does not name ${expected.throws}`;
    return [`${head}: expected an Error naming ${expected.throws}; ${got}`, ...inputs(), `  ${hintFor(ex)}`].join("\n");
  }
  if (!outcome.ok) return [`${head}: threw: ${clip(outcome.error)}`, ...inputs(), `  ${hintFor(ex)}`].join("\n");
  if (ex.check) { // a design exercise: the property decides, not the reference's output
    let problem: string | null;
    try { problem = ex.check(args, outcome.value); } catch (e) { problem = `the returned value could not be checked: ${clip(String((e as Error)?.message ?? e))}`; }
    return problem === null ? null : [`${head}: ${problem}`, ...inputs(), `  ${hintFor(ex)}`].join("\n");
  }
  const d = firstDifference(expected, outcome.value);
  if (!d) return null;
  const lines = [`${head}: ${d.message}`, ...inputs()];
  if (d.kind !== "shape") {
    const rowAt = d.index.slice(0, -1), e = at(expected, d.fields, rowAt), g = at(outcome.value, d.fields, rowAt);
    const label = [...d.fields, rowAt.length ? `row ${rowAt.join(", ")}` : ""].filter(Boolean).join(" ");
    if (Array.isArray(e) && Array.isArray(g)) lines.push(...indent(sideBySide(label, e, g, d.index[d.index.length - 1])));
    else if (d.kind === "nonFinite") lines.push(`  expected ${writeValue(e)}`); // a scalar: the message said what came back
  }
  lines.push(`  ${hintFor(ex, d.kind === "nonFinite")}`);
  return lines.join("\n");
}

/**
 * All cases must pass. An exercise whose every case throws the generated stub's "not implemented yet"
 * is "not started" (no failure list); otherwise the first failing case is explained by caseFeedback.
 */
export function judge(ex: Pick<Exercise, "file" | "name" | "check">, cases: { args: unknown[]; expected: unknown }[], outcomes: (Outcome | undefined)[]): Verdict {
  if (cases.length > 0 && cases.every((_, i) => { const o = outcomes[i]; return o && !o.ok && STUB.test(o.error); })) {
    return { status: "not started", output: `not started: ${ex.name} in ${ex.file} still throws "not implemented yet"; replace that line with your code` };
  }
  for (let i = 0; i < cases.length; i++) {
    const problem = caseFeedback(ex, i, cases.length, cases[i].args, outcomes[i], cases[i].expected);
    if (problem) return { status: "needs work", output: problem };
  }
  return { status: "done", output: `all ${cases.length} cases pass` };
}

/** Points as a student reads them: 2, 0.5, 1.5. */
export const pts = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const SYMBOL: Record<Status, string> = { done: "✓", "not started": "○", "needs work": "✗" };

/**
 * One exercise in a report: `✓ name  earned / points  title`; under an exercise that needs work, each of
 * `problems` (its feedback), indented; a not-started exercise is one calm line.
 */
export function exerciseBlock(e: { name: string; title: string; points: number; earned: number; status: Status; problems: string[] }): string[] {
  const line = `  ${SYMBOL[e.status]} ${e.name.padEnd(26)} ${pts(e.earned).padStart(3)} / ${pts(e.points)}  ${e.title}`;
  if (e.status === "not started") return [`${line} · not started`];
  if (e.status === "done") return [line];
  return [line, ...e.problems.flatMap((p) => indent(p.split("\n"), "      "))];
}

/** "2 of 4 exercises done · 1 not started · 1 needs work", plus what "not started" means when it occurs. */
export function progressLine(statuses: Status[]): string {
  const n = (s: Status) => statuses.filter((x) => x === s).length;
  const parts = [`${n("done")} of ${statuses.length} exercise${statuses.length === 1 ? "" : "s"} done`];
  if (n("not started")) parts.push(`${n("not started")} not started`);
  if (n("needs work")) parts.push(`${n("needs work")} need${n("needs work") === 1 ? "s" : ""} work`);
  return parts.join(" · ");
}

/** The maximum of a list of exercises: core points only; stretch points are extra (see Exercise.stretch). */
export const corePoints = (list: { points: number; stretch?: boolean }[]) => list.reduce((s, e) => s + (e.stretch ? 0 : e.points), 0);

/**
 * How stretch points count, for the summary line: "" without stretch exercises, else e.g.
 * " (stretch: 3 of up to 5 extra points)".
 */
export function stretchNote(list: { points: number; stretch?: boolean }[], earned: (i: number) => number): string {
  const idx = list.flatMap((e, i) => (e.stretch ? [i] : []));
  if (idx.length === 0) return "";
  const max = idx.reduce((s, i) => s + list[i].points, 0), got = idx.reduce((s, i) => s + earned(i), 0);
  return ` (stretch: ${pts(got)} of up to ${pts(max)} extra points)`;
}

/** Printed under a report that has ○ lines. */
export const NOT_STARTED_NOTE = `○ not started: the function still throws "not implemented yet"; replace that line with your code.`;
