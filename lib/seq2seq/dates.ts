// The task: human-readable dates → ISO YYYY-MM-DD. Dates are uniform over 1970-01-01 … 2029-12-31; text is
// lower-case without commas; weekday names match the date; two-digit years mean 1970–1999 and 2000–2029.
import { Rng } from "../random.js";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const FIRST_DAY = Date.UTC(1970, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2029, 11, 31) / 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, "0");

/** The nine formats, each shown for 1979-03-05 (a Monday). */
export const FORMATS = ["3/5/79", "mar 5 1979", "march 5 1979", "monday march 5 1979", "5 mar 1979", "5 march 1979", "05 mar 1979", "5 03 79", "05.03.79"] as const;

/** Writes the date (UTC midnight, in days since 1970-01-01) in format `f` (0–8, the index in FORMATS). */
export function humanDate(day: number, f: number): string {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth(), dd = d.getUTCDate();
  const yy = pad2(y % 100), month = MONTHS[m], mon = month.slice(0, 3);
  switch (f) {
    case 0: return `${m + 1}/${dd}/${yy}`;
    case 1: return `${mon} ${dd} ${y}`;
    case 2: return `${month} ${dd} ${y}`;
    case 3: return `${WEEKDAYS[d.getUTCDay()]} ${month} ${dd} ${y}`;
    case 4: return `${dd} ${mon} ${y}`;
    case 5: return `${dd} ${month} ${y}`;
    case 6: return `${pad2(dd)} ${mon} ${y}`;
    case 7: return `${dd} ${pad2(m + 1)} ${yy}`;
    case 8: return `${pad2(dd)}.${pad2(m + 1)}.${yy}`;
    default: throw new Error(`humanDate: format must be 0–8, got ${f}`);
  }
}

/** ISO 8601 date for a day number. */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface DatePair { human: string; iso: string; format: number }

/**
 * `n` pairs from a seeded stream; `format` fixes the format, otherwise each pair draws one uniformly.
 *
 * @example
 * datePairs(1, { seed: 1 })[0].iso.length; // => 10
 */
export function datePairs(n: number, src: { seed: number } | { rng: Rng }, format?: number): DatePair[] {
  const rng = "rng" in src ? src.rng : new Rng(src.seed);
  return Array.from({ length: n }, () => {
    const day = FIRST_DAY + rng.int(LAST_DAY - FIRST_DAY + 1);
    const f = format ?? rng.int(FORMATS.length);
    return { human: humanDate(day, f), iso: isoDate(day), format: f };
  });
}

/** `perFormat` pairs of every format, none of whose texts is in `exclude`: a held-out set spread evenly. */
export function heldOutPairs(perFormat: number, seed: number, exclude: Set<string>): DatePair[] {
  const rng = new Rng(seed);
  const out: DatePair[] = [];
  for (let f = 0; f < FORMATS.length; f++) {
    let added = 0;
    while (added < perFormat) {
      const [p] = datePairs(1, { rng }, f);
      if (exclude.has(p.human)) continue;
      exclude.add(p.human);
      out.push(p);
      added++;
    }
  }
  return out;
}
