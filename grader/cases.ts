// The public cases file: inputs with the reference outputs, committed at grader/cases/public.json.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Exercise } from "./exercises.js";

export interface PublicCases { seed: number; tolerance: number; cases: Record<string, { args: unknown[]; expected: unknown }[]> }

export const caseKey = (ex: Pick<Exercise, "file" | "name">) => `${ex.file}#${ex.name}`;
export const publicCasesPath = () => path.resolve(process.cwd(), "grader", "cases", "public.json");

/** Reads the public cases; JSON has no `undefined`, so a null argument means "not given". */
export function loadPublicCases(file = publicCasesPath()): PublicCases {
  const data = JSON.parse(readFileSync(file, "utf8")) as PublicCases;
  for (const list of Object.values(data.cases)) for (const c of list) c.args = c.args.map((a) => (a === null ? undefined : a));
  return data;
}
