// The public cases file: inputs with the reference outputs, committed at grader/cases/public.json.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "./course_root.js";
import type { Exercise } from "./exercises.js";

/** `student` and `variant`: whose cases these are (grader/variant.ts); absent for the course's own. */
export interface PublicCases { seed: number; tolerance: number; student?: string; variant?: number; cases: Record<string, { args: unknown[]; expected: unknown }[]> }

/** |got − expected| ≤ TOLERANCE · max(1, |expected|) per entry. */
export const TOLERANCE = 1e-9;

export const caseKey = (ex: Pick<Exercise, "file" | "name">) => `${ex.file}#${ex.name}`;
/**
 * The seed of one exercise's own random stream, from a run's seed and the exercise's key (32-bit FNV-1a), so
 * adding or reordering exercises never shifts another exercise's cases.
 * @example exerciseSeed(20241, { file: "01_similarity.ts", name: "dot" }) === exerciseSeed(20241, { file: "01_similarity.ts", name: "dot" }) // => true
 */
export function exerciseSeed(seed: number, ex: Pick<Exercise, "file" | "name">): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${caseKey(ex)}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h === 0 ? 1 : h;
}
/**
 * grader/cases/public.json, looked up from the working directory upwards (a notebook's kernel runs in notebooks/;
 * a student's own cases beside their submission), else the course's own (courseRoot), e.g. for a learner who
 * grades the exercises downloaded from the page from a folder that has no cases.
 */
export const publicCasesPath = (): string => {
  const at = (dir: string) => path.join(dir, "grader", "cases", "public.json");
  for (let dir = process.cwd(); path.dirname(dir) !== dir; dir = path.dirname(dir)) if (existsSync(at(dir))) return at(dir);
  return at(courseRoot);
};

/** Reads the public cases; JSON has no `undefined`, so a null argument means "not given". */
export function loadPublicCases(file = publicCasesPath()): PublicCases {
  return parsePublicCases(readFileSync(file, "utf8"));
}

/** Public cases from their JSON text (see loadPublicCases). */
export function parsePublicCases(text: string): PublicCases {
  const data = JSON.parse(text) as PublicCases;
  for (const list of Object.values(data.cases)) for (const c of list) c.args = c.args.map((a) => (a === null ? undefined : a));
  return data;
}
