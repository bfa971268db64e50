// Whose submission Gradescope is grading: the first user's id in /autograder/submission_metadata.json
// ({ "users": [{ "email", "id", "name" }, …] }; a group submission lists several, the first decides the variant).
import { existsSync, lstatSync, readFileSync } from "node:fs";

/** The student id (as text) of the submission, or undefined when the file is absent; throws an Error naming the file when it is malformed. */
export function gradescopeStudent(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  if (!lstatSync(file).isFile()) throw new Error(`gradescopeStudent: ${file} is not a regular file`);
  let data: unknown;
  try { data = JSON.parse(readFileSync(file, "utf8")); } catch (e) { throw new Error(`gradescopeStudent: ${file} is not JSON: ${(e as Error).message}`); }
  const id = (data as { users?: { id?: unknown }[] })?.users?.[0]?.id;
  if (typeof id !== "number" && typeof id !== "string") throw new Error(`gradescopeStudent: ${file} has no users[0].id`);
  return String(id);
}
