// The lesson's exercise file in an editor, with Check (the public cases graded in the worker by
// grader/inline.ts: the grader's comparison, feedback and hints). Work is kept in localStorage per file, so a
// reload keeps it; "Download my exercises" saves all six files as exercises.zip for `npm run grade`.
import { editor } from "./editor.js";
import { zip } from "./zip.js";

const KEY = (file: string) => `attention-kit:exercises/${file}`;
/** The course's exercise files as shipped (stubs that throw "not implemented yet"), by file name. */
export const stubs = (): Record<string, string> => JSON.parse(document.getElementById("exercise-stubs")?.textContent ?? "{}");
const saved = (file: string): string | null => { try { return localStorage.getItem(KEY(file)); } catch { return null; } };
const save = (file: string, text: string) => { try { localStorage.setItem(KEY(file), text); } catch { /* storage full or blocked: work stays in the page */ } };

/** Every exercise file as the learner has it now (saved work, else the stub). */
export function exerciseSources(): Record<string, string> {
  return Object.fromEntries(Object.entries(stubs()).map(([f, stub]) => [f, saved(f) ?? stub]));
}

export function downloadExercises(): Blob {
  const blob = zip(Object.entries(exerciseSources()).map(([f, text]) => ({ name: `exercises/${f}`, text })));
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "exercises.zip";
  a.click();
  return blob;
}

/** The editor section for this lesson's exercise file, or null on a page without one. */
export function exerciseEditor(check: (file: string, sink: HTMLElement) => Promise<number | null>): HTMLElement | null {
  const host = document.querySelector<HTMLElement>("[data-exercise-file]");
  const file = host?.dataset.exerciseFile;
  if (!host || !file) return null;
  const stub = stubs()[file] ?? "";
  const area = editor(saved(file) ?? stub, undefined, "source-editor exercise-editor");
  area.setAttribute("aria-label", `exercises/${file}`);
  const note = document.createElement("span");
  note.className = "saved-note";
  area.addEventListener("input", () => { save(file, area.value); note.textContent = "saved in this browser"; });
  const out = document.createElement("div");
  out.className = "outputs check-output";
  const b = (label: string, cls: string, f: () => void) => { const x = document.createElement("button"); x.type = "button"; x.textContent = label; x.className = cls; x.addEventListener("click", f); return x; };
  const bar = document.createElement("div");
  bar.className = "cell-bar";
  bar.append(
    b("Check ✓", "check", () => { save(file, area.value); void check(file, out); }),
    b("Start over", "reset", () => { if (confirm(`Replace your exercises/${file} with the empty exercise?`)) { area.value = stub; area.dispatchEvent(new Event("input")); } }),
    b("Download my exercises", "download", () => void downloadExercises()),
    note,
  );
  host.append(area, bar, out);
  return host;
}
