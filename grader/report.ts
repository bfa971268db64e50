// Three ways to tell the result: a console table for students, Gradescope's results.json, a gradebook CSV.
import type { ExerciseResult, SubmissionResult } from "./grade.js";
import { shown, shownLines } from "./spec/sanitize.js";
import { exerciseBlock, NOT_STARTED_NOTE, progressLine, pts, stretchNote, type Status } from "./feedback.js";

/** Done when public and hidden cases pass; not started while the stub is untouched; else needs work. */
export const statusOf = (e: ExerciseResult): Status =>
  e.public.passed && (e.hidden?.passed ?? true) ? "done" : e.public.notStarted ? "not started" : "needs work";

/** What stretch exercises earned, as the summary says it (their points are extra: in the score, not the max). */
const extra = (r: SubmissionResult) => stretchNote(r.exercises, (i) => r.exercises[i].public.score + (r.exercises[i].hidden?.score ?? 0));

/** A table a student reads: one line per exercise, the feedback under each that needs work, then the summary. */
export function consoleReport(r: SubmissionResult): string {
  const lines: string[] = [];
  let file = "";
  for (const e of r.exercises) {
    if (e.file !== file) { file = e.file; lines.push(`\n${file}`); }
    const problems = [...(e.public.passed ? [] : [e.public.output]), ...(e.hidden && !e.hidden.passed ? [`hidden cases: ${e.hidden.output}`] : [])];
    lines.push(...exerciseBlock({ ...e, earned: e.public.score + (e.hidden?.score ?? 0), status: statusOf(e), problems }));
  }
  const statuses = r.exercises.map(statusOf);
  lines.push(`\nTotal: ${pts(r.score)} / ${r.max} points${extra(r)} · ${progressLine(statuses)} (graded in ${r.seconds.toFixed(1)} s)`);
  if (statuses.includes("not started")) lines.push(NOT_STARTED_NOTE);
  return shownLines(lines.join("\n")); // every student value is escaped where it enters; this is the last guard
}

/** Gradescope's autograder results.json: one test per exercise for the public cases, one for the hidden ones. */
export function gradescopeResults(r: SubmissionResult): object {
  let number = 0;
  const tests = r.exercises.flatMap((e) => {
    const base = e.name;
    const list = [{ name: `${base}: ${e.title} (public cases)`, number: `${++number}`, score: e.public.score, max_score: e.public.max,
      status: e.public.passed ? "passed" : "failed", output: shownLines(e.public.output), visibility: "visible" }];
    if (e.hidden) list.push({ name: `${base}: ${e.title} (hidden cases)`, number: `${++number}`, score: e.hidden.score, max_score: e.hidden.max,
      status: e.hidden.passed ? "passed" : "failed", output: shownLines(e.hidden.output), visibility: "after_published" });
    return list;
  });
  const failed = tests.filter((t) => t.status === "failed").length;
  return {
    score: r.score, execution_time: Math.round(r.seconds * 1000) / 1000,
    output: `${pts(r.score)} / ${r.max} points${extra(r)}; ${progressLine(r.exercises.map(statusOf))}; ${tests.length - failed} of ${tests.length} tests pass.${r.hiddenSeed !== undefined ? ` Hidden cases drawn with seed ${r.hiddenSeed}.` : ""}`,
    // plain text everywhere: nothing renders as HTML or Markdown that the grader did not write (it writes none)
    output_format: "text", test_output_format: "text", test_name_format: "text",
    visibility: "visible", stdout_visibility: "hidden", tests,
  };
}

/** A CSV cell a spreadsheet shows as text: escaped, quoted when needed, and never read as a formula (=, +, -, @). */
const csvCell = (raw: string) => { const s = shown(/^[=+\-@]/.test(raw) ? `'${raw}` : raw, 200); return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };

/** Gradebook: student, total, then one column per exercise (points earned). */
export function gradebookCsv(rows: { student: string; result: SubmissionResult }[]): string {
  if (rows.length === 0) return "student,total\n";
  const names = rows[0].result.exercises.map((e) => `${e.file.replace(/\.ts$/, "")}:${e.name}`);
  const body = rows.map(({ student, result }) => [csvCell(student), pts(result.score), ...result.exercises.map((e) => pts(e.public.score + (e.hidden?.score ?? 0)))].join(","));
  return [["student", "total", ...names].join(","), ...body].join("\n") + "\n";
}
