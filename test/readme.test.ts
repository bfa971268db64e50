// The README is the front page: it must name the two commands on its first screen, list exactly the notebooks
// of notebooks/, keep its three user paths and troubleshooting, and name only npm scripts that exist.
import test from "ava";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { exerciseFiles, exercises } from "../grader/exercises.js";
import { corePoints } from "../grader/feedback.js";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const notebooks = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts);
const SECTIONS = ["The course", "Students", "Self-paced learners", "Instructors", "The library in one minute", "Layout", "Tests and numbers", "Dependencies", "Troubleshooting"];
const FIRST_SCREEN_LINES = 30;
/** What the grader grades, as the instructor's section must state it. */
const GRADED = { maxPoints: corePoints(exercises), files: exerciseFiles.length };
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** Everything wrong with `text` as the project's README; empty when it is fine. */
export function readmeProblems(text: string, nbs: string[], npmScripts: string[], graded = GRADED): string[] {
  const problems: string[] = [];
  const firstScreen = text.split("\n").slice(0, FIRST_SCREEN_LINES).join("\n");
  const block = firstScreen.match(/```(?:sh|bash)?\n([\s\S]*?)```/)?.[1] ?? "";
  for (const cmd of ["npm start", "npm test"]) {
    if (!new RegExp(`^${cmd}\\b`, "m").test(block)) problems.push(`the first code block on the first screen lacks \`${cmd}\``);
  }
  const headings = [...text.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim());
  for (const s of SECTIONS) if (!headings.some((h) => h.startsWith(s))) problems.push(`no section "${s}"`);
  const courseSection = text.split(/^## /m).find((s) => s.startsWith("The course")) ?? "";
  const rows = [...courseSection.matchAll(/^\| `([^`]+\.ipynb)` \|/gm)].map((m) => m[1]);
  for (const nb of nbs) if (!rows.includes(nb)) problems.push(`the course table omits ${nb}`);
  for (const nb of rows) if (!nbs.includes(nb)) problems.push(`the course table lists ${nb}, which is not in notebooks/`);
  for (const m of text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
    if (!npmScripts.includes(m[1])) problems.push(`names \`npm run ${m[1]}\`, which package.json does not define`);
  }
  const worth = text.match(/Programming Assignment worth (\d+) points/)?.[1];
  if (Number(worth) !== graded.maxPoints) problems.push(`the Gradescope assignment is said to be worth ${worth ?? "?"} points; the grader's maximum is ${graded.maxPoints}`);
  const files = text.match(/Students upload their (\w+) `\.ts` files/)?.[1];
  if (files !== NUMBER_WORDS[graded.files] && Number(files) !== graded.files) problems.push(`students are told to upload ${files ?? "?"} .ts files; the grader grades ${graded.files}`);
  return [...new Set(problems)];
}

test("the README has no problems", (t) => {
  t.deepEqual(readmeProblems(readme, notebooks, scripts), []);
});

/** Versions the Dependencies section states ("`zeromq` 6.8", "`jupyterlab` 4.6") that package.json or the PyPI lock contradict. */
export function versionProblems(text: string, npm: Record<string, string>, pypi: Record<string, string>): string[] {
  const section = text.split(/^## /m).find((s) => s.startsWith("Dependencies")) ?? "";
  const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, "-");
  return [...section.matchAll(/`([@\w./-]+)` (\d+(?:\.\d+)*)\b/g)].flatMap(([, name, stated]) => {
    const actual = npm[name]?.replace(/^[\^~]/, "") ?? pypi[norm(name)];
    if (actual === undefined) return [`Dependencies names \`${name}\` ${stated}, which neither package.json nor requirements/jupyter.txt pins`];
    return actual === stated || actual.startsWith(`${stated}.`) ? [] : [`Dependencies says \`${name}\` ${stated}; the project pins ${actual}`];
  });
}

/** Top-level folders the Layout block lists that do not exist, and folders of the repository it leaves out. */
export function layoutProblems(text: string, folders: string[]): string[] {
  const block = text.split(/^## /m).find((s) => s.startsWith("Layout"))?.match(/```\n([\s\S]*?)```/)?.[1] ?? "";
  const listed = [...block.matchAll(/^([\w.-]+)\//gm)].map((m) => m[1]);
  return [...folders.filter((f) => !listed.includes(f)).map((f) => `the Layout block omits ${f}/`),
    ...listed.filter((f) => !f.startsWith(".") && !folders.includes(f)).map((f) => `the Layout block lists ${f}/, which does not exist`)];
}

/** Links to a section (`](#tests-and-numbers)`) that match no heading. */
export function anchorProblems(text: string): string[] {
  const slugs = [...text.matchAll(/^#{1,4} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"));
  return [...text.matchAll(/\]\(#([^)]+)\)/g)].filter((m) => !slugs.includes(m[1])).map((m) => `the link #${m[1]} matches no heading`);
}

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const npmPins: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
const pypiPins = Object.fromEntries([...readFileSync(path.join(root, "requirements", "jupyter.txt"), "utf8").matchAll(/^([\w.-]+)==([\w.]+)/gm)]
  .map((m) => [m[1].toLowerCase().replace(/[-_.]+/g, "-"), m[2]]));
const topFolders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules").map((e) => e.name);

test("the README's versions, folders and section links are the project's", (t) => {
  t.deepEqual([...versionProblems(readme, npmPins, pypiPins), ...layoutProblems(readme, topFolders), ...anchorProblems(readme)], []);
});

test("a stale version, a missing or invented folder and a dead link are caught", (t) => {
  t.deepEqual(versionProblems("## Dependencies\n| `zeromq` 5.1 |\n`jupyterlab` 4.6 and `leftpad` 1\n", npmPins, pypiPins), [
    `Dependencies says \`zeromq\` 5.1; the project pins ${npmPins.zeromq}`,
    "Dependencies names `leftpad` 1, which neither package.json nor requirements/jupyter.txt pins",
  ]);
  t.deepEqual(layoutProblems("## Layout\n```\nlib/  x\nghost/  y\n.venv/  z\n```\n", ["lib", "env"]), ["the Layout block omits env/", "the Layout block lists ghost/, which does not exist"]);
  t.deepEqual(anchorProblems("## Tests and numbers\nsee [here](#tests-and-numbers) and [there](#nowhere)"), ["the link #nowhere matches no heading"]);
});

// The checker itself must catch each way the README can break: each mutation adds exactly its problem.
const added = (text: string, nbs = notebooks) => {
  const before = new Set(readmeProblems(readme, notebooks, scripts));
  return readmeProblems(text, nbs, scripts).filter((p) => !before.has(p));
};
test("losing a command is caught", (t) => {
  t.deepEqual(added(readme.replace(/^npm test .*$/m, "")), ["the first code block on the first screen lacks `npm test`"]);
});

test("a notebook left out of the table is caught", (t) => {
  t.deepEqual(added(readme, [...notebooks, "99-not-a-lesson.ipynb"]), ["the course table omits 99-not-a-lesson.ipynb"]);
});

test("a notebook that does not exist is caught", (t) => {
  t.deepEqual(added(readme, notebooks.slice(1)), [`the course table lists ${notebooks[0]}, which is not in notebooks/`]);
});

test("an npm script that does not exist is caught", (t) => {
  t.deepEqual(added(`${readme}\nRun \`npm run fly-to-the-moon\`.\n`), ["names `npm run fly-to-the-moon`, which package.json does not define"]);
});

test("a stale point total or file count for Gradescope is caught (an exercise added or made stretch)", (t) => {
  const more = { maxPoints: GRADED.maxPoints + 2, files: GRADED.files + 1 };
  t.deepEqual(readmeProblems(readme, notebooks, scripts, more).filter((p) => !readmeProblems(readme, notebooks, scripts).includes(p)), [
    `the Gradescope assignment is said to be worth ${GRADED.maxPoints} points; the grader's maximum is ${more.maxPoints}`,
    `students are told to upload ${NUMBER_WORDS[GRADED.files]} .ts files; the grader grades ${more.files}`,
  ]);
});

test("an emptied README is caught on every count", (t) => {
  const problems = readmeProblems("", notebooks, scripts);
  t.true(problems.length >= 2 + SECTIONS.length + notebooks.length, problems.join("\n"));
});

// The student edition's README (grader/STUDENT_README.md, shipped by `npm run release`) names the lessons that
// `npm run grade -- --only` accepts; it must follow the exercise list when a lesson is added.
test("the student README names the lessons --only accepts (first–last of the exercise files)", (t) => {
  const student = readFileSync(path.join(root, "grader", "STUDENT_README.md"), "utf8");
  const range = `${exerciseFiles[0].slice(0, 2)}–${exerciseFiles[exerciseFiles.length - 1].slice(0, 2)}`;
  t.regex(student, new RegExp(`--only 01 # checks one lesson: ${range},`));
});
