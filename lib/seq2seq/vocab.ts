// Character vocabularies. Input id 0 is padding; output ids are the 11 characters of an ISO date plus a start token.
export const INPUT_CHARS = " ./0123456789abcdefghijklmnopqrstuvwxyz";
export const OUTPUT_CHARS = "0123456789-";
export const PAD = 0;
export const START = OUTPUT_CHARS.length; // the decoder's "previous character" at step 0
export const OUTPUT_LENGTH = 10; // YYYY-MM-DD
export const MAX_INPUT_LENGTH = 32;

/** Input ids for `text` (1-based; 0 is padding). Throws on a character outside INPUT_CHARS or a too-long text. */
export function encodeInput(text: string): number[] {
  if (text.length > MAX_INPUT_LENGTH) throw new Error(`encodeInput: "${text}" has ${text.length} characters; the encoder takes at most ${MAX_INPUT_LENGTH}`);
  return [...text].map((ch, i) => {
    const id = INPUT_CHARS.indexOf(ch);
    if (id < 0) throw new Error(`encodeInput: character ${JSON.stringify(ch)} at position ${i} of "${text}" is not in the vocabulary (${JSON.stringify(INPUT_CHARS)})`);
    return id + 1;
  });
}

export const encodeOutput = (iso: string): number[] => [...iso].map((ch) => OUTPUT_CHARS.indexOf(ch));
export const decodeOutput = (ids: number[]): string => ids.map((i) => OUTPUT_CHARS[i] ?? "?").join("");
