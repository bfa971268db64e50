// Per-student variants (PrairieLearn's idea): a student's public case inputs and design targets are derived from
// their id and the assignment's secret, so an answer passed around fits one student only. Instructor-side: the
// secret never ships in a student bundle (scripts/release.ts); the Gradescope zip carries it.
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A student's variant: the seed of their public cases and the number each exercise picks its variant from. */
export interface StudentVariant { student: string; seed: number; variant: number }

/** The course's own variant: the committed grader/cases/public.json and the targets the exercises' text names. */
export const COURSE_VARIANT = 0;

/** grader/secret of the course at `root`. */
export const defaultSecretPath = (root: string) => path.join(root, "grader", "secret");

/**
 * The assignment secret in `file`, created (32 random bytes, hex, readable by its owner only) when the file does
 * not exist yet and `create` allows it. Throws an Error naming the file when it is missing, short or unreadable.
 */
export function loadSecret(file: string, { create = true } = {}): string {
  if (!existsSync(file) && !create) throw new Error(`loadSecret: ${file} does not exist; the instructor's secret must come with the grader`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 16) throw new Error(`loadSecret: ${file} holds ${secret.length} characters; a secret needs at least 16 (delete the file to have a new one made)`);
  return secret;
}

/** A student id as the grader takes it: 1–200 printable characters, no path separators or control characters. */
export function checkStudentId(id: string): string {
  if (!/^[^\x00-\x1f\x7f/\\]{1,200}$/u.test(id) || id.trim() !== id) {
    throw new Error(`studentVariant: the student id ${JSON.stringify(id.slice(0, 60))} is not 1–200 printable characters without / or \\ and without surrounding spaces`);
  }
  return id;
}

/**
 * The variant of `student` under `secret`: HMAC-SHA256(secret, student); its first four bytes give the public
 * seed (1 … 2³¹ − 1), the next four the variant number (never COURSE_VARIANT).
 * @example
 * studentVariant("ada", "0123456789abcdef").student; // => "ada"
 */
export function studentVariant(student: string, secret: string): StudentVariant {
  const mac = createHmac("sha256", secret).update(`attention-kit variant\0${checkStudentId(student)}`).digest();
  return { student, seed: (mac.readUInt32BE(0) % (2 ** 31 - 1)) + 1, variant: (mac.readUInt32BE(4) % (2 ** 31 - 1)) + 1 };
}
