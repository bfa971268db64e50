// The one sanitiser for text a student controls on its way to a human (a terminal, Gradescope's page, a CSV):
// thrown names and messages, returned values, file names. Control characters (CR, ESC and so every ANSI
// sequence, C1, DEL), line and paragraph separators and bidirectional overrides become visible escapes, so a
// value stays on the one line it is given and cannot erase, recolour, reorder or forge the grader's lines.

// C0 but tab, DEL, C1; LRM/RLM, the bidi embeddings/overrides/isolates, LS/PS, BOM
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\u001b": "\\e" };
const escape = (c: string) => NAMED[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`;

/**
 * `s` on one line with every unsafe character escaped, cut at `limit` characters (escapes counted).
 *
 * @example
 * shown("\u001b[2K✓ dot 1 / 1\r\nok"); // => "\\e[2K✓ dot 1 / 1\\r\\nok"
 * shown("x".repeat(500), 10); // => "xxxxxxxxxx… (490 more characters)"
 */
export function shown(s: string, limit = 300): string {
  let out = "", used = 0;
  for (; used < s.length; used++) { // reads at most `limit` characters of a value that may be megabytes long
    const c = s[used];
    const piece = c === "\t" ? " " : c.replace(UNSAFE, escape);
    if (out.length + piece.length > limit) break;
    out += piece;
  }
  return used < s.length ? `${out}… (${s.length - used} more characters)` : out;
}

/** Text the grader assembled (its own line breaks kept): every other unsafe character escaped, as a last guard. */
export const shownLines = (text: string): string => text.split("\n").map((l) => l.replace(UNSAFE, escape)).join("\n");
