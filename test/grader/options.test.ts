// The npm scripts' option parser (scripts/options.ts): unknown options are refused by name, never ignored.
import test from "ava";
import { $ } from "zx";
import path from "node:path";
import { parseOptions } from "../../scripts/options.js";

const root = path.resolve(import.meta.dirname, "../..");
const spec = { hidden: "flag", seed: "value" } as const;

test("parseOptions: flags, values (both spellings) and positionals as declared", (t) => {
  t.deepEqual(parseOptions("grade", spec, ["--hidden", "--seed", "3"]), { hidden: true, seed: "3", _: [] });
  t.deepEqual(parseOptions("grade", spec, ["--seed=4", "out"], 1), { seed: "4", _: ["out"] });
});

test("parseOptions: an unknown option, a stray argument, a missing or extra value are refused by name", (t) => {
  const refused: [string[], string][] = [
    [["--hiden"], "grade: unknown option --hiden; valid options: --hidden, --seed VALUE"],
    [["-h"], "grade: unknown option -h; valid options: --hidden, --seed VALUE"],
    [["--bogus-flag=1"], "grade: unknown option --bogus-flag; valid options: --hidden, --seed VALUE"],
    [["--constructor"], "grade: unknown option --constructor; valid options: --hidden, --seed VALUE"],
    [["out"], 'grade: unexpected argument "out"; valid options: --hidden, --seed VALUE'],
    [["--seed"], "grade: --seed needs a value"],
    [["--seed", "--hidden"], "grade: --seed needs a value"],
    [["--hidden=yes"], "grade: --hidden takes no value"],
    [["--hidden", "--hidden"], "grade: --hidden is given twice"],
  ];
  for (const [argv, message] of refused) t.is(t.throws(() => parseOptions("grade", spec, argv))?.message, message, argv.join(" "));
});

test("parseOptions: numbers, whole numbers and choices are checked, and the choices are listed", (t) => {
  const typed = { steps: "integer", target: "number", model: ["gru", "transformer"] } as const;
  t.deepEqual(parseOptions("train", typed, ["--steps", "40", "--target=0.99", "--model", "gru"]), { steps: "40", target: "0.99", model: "gru", _: [] });
  t.deepEqual(parseOptions("train", typed, ["--steps", "-3"]), { steps: "-3", _: [] }); // a negative number is a value, not an option
  const refused: [string[], string][] = [
    [["--steps", "2.5"], 'train: --steps must be a whole number, got "2.5"'],
    [["--steps", "many"], 'train: --steps must be a number, got "many"'],
    [["--target="], 'train: --target must be a number, got ""'],
    [["--model", "rnn"], 'train: --model must be one of gru, transformer, got "rnn"'],
    [["--modle", "gru"], "train: unknown option --modle; valid options: --steps N, --target NUMBER, --model gru|transformer"],
  ];
  for (const [argv, message] of refused) t.is(t.throws(() => parseOptions("train", typed, argv))?.message, message, argv.join(" "));
});

test("npm run grade -- --hiden exits with code 2 naming --hiden and the valid options, before grading anything", async (t) => {
  const r = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --hiden`;
  t.is(r.exitCode, 2);
  t.regex(r.stderr, /^\[grade\] unknown option --hiden; valid options: .*--hidden/);
  t.is(r.stdout, "");
});
