// The one answer to "where are the course's files": the folder above grader/, found from this file, never from
// the working folder (a grader run from elsewhere, a notebook's kernel in notebooks/, a learner's download
// graded with --submission). In the page's worker the course is the virtual /course of the fs shim.
import path from "node:path";

/** The course folder for a module URL (file:…/grader/course_root.ts → …); "/course" where there is no file URL (the browser bundle). */
export function courseRootOf(moduleUrl: string | undefined): string {
  if (!moduleUrl?.startsWith("file:")) return "/course";
  return path.resolve(decodeURIComponent(new URL(".", moduleUrl).pathname), "..");
}

export const courseRoot: string = courseRootOf(typeof import.meta.url === "string" ? import.meta.url : undefined);
