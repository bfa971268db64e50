// Three ways to tell the result: a console table for students, Gradescope's results.json, a gradebook CSV.
import type { SubmissionResult } from "./grade.js";

const pts = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** A table a student reads: one line per exercise, the failure message under each failing one. */
export function consoleReport(r: SubmissionResult): string {
  const lines: string[] = [];
  let file = "";
  for (const e of r.exercises) {
    if (e.file !== file) { file = e.file; lines.push(`\n${file}`); }
    const got = e.public.score + (e.hidden?.score ?? 0);
    const ok = e.public.passed && (e.hidden?.passed ?? true);
    lines.push(`  ${ok ? "✓" : "✗"} ${e.name.padEnd(26)} ${pts(got).padStart(3)} / ${pts(e.points)}  ${e.title}`);
    if (!e.public.passed) lines.push(`      ${e.public.output}`);
    if (e.hidden && !e.hidden.passed) lines.push(`      hidden cases: ${e.hidden.output}`);
  }
  lines.push(`\nTotal: ${pts(r.score)} / ${r.max} points (graded in ${r.seconds.toFixed(1)} s)`);
  return lines.join("\n");
}

/** Gradescope's autograder results.json: one test per exercise for the public cases, one for the hidden ones. */
export function gradescopeResults(r: SubmissionResult): object {
  let number = 0;
  const tests = r.exercises.flatMap((e) => {
    const base = e.name;
    const list = [{ name: `${base}: ${e.title} (public cases)`, number: `${++number}`, score: e.public.score, max_score: e.public.max,
      status: e.public.passed ? "passed" : "failed", output: e.public.output, visibility: "visible" }];
    if (e.hidden) list.push({ name: `${base}: ${e.title} (hidden cases)`, number: `${++number}`, score: e.hidden.score, max_score: e.hidden.max,
      status: e.hidden.passed ? "passed" : "failed", output: e.hidden.output, visibility: "after_published" });
    return list;
  });
  const failed = tests.filter((t) => t.status === "failed").length;
  return {
    score: r.score, execution_time: Math.round(r.seconds * 1000) / 1000,
    output: `${pts(r.score)} / ${r.max} points; ${tests.length - failed} of ${tests.length} tests pass.${r.hiddenSeed !== undefined ? ` Hidden cases drawn with seed ${r.hiddenSeed}.` : ""}`,
    visibility: "visible", stdout_visibility: "hidden", tests,
  };
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Gradebook: student, total, then one column per exercise (points earned). */
export function gradebookCsv(rows: { student: string; result: SubmissionResult }[]): string {
  if (rows.length === 0) return "student,total\n";
  const names = rows[0].result.exercises.map((e) => `${e.file.replace(/\.ts$/, "")}:${e.name}`);
  const body = rows.map(({ student, result }) => [csvCell(student), pts(result.score), ...result.exercises.map((e) => pts(e.public.score + (e.hidden?.score ?? 0)))].join(","));
  return [["student", "total", ...names].join(","), ...body].join("\n") + "\n";
}
