// Notebook 02's "it" sentence: its hand-set word features, shared by the explorer's build-time data and
// its live panel (which must not import the library into the page).
export const ANIMAL_FEATURES = ["animate", "place", "action", "function", "pronoun", "negation"];
/** Notebook 02's hand-set word features of the "it" sentence (the live explorer lets a learner edit them). */
export const ANIMAL_LEXICON: Record<string, number[]> = {
  the: [0, 0, 0, 1, 0, 0], animal: [1, 0, 0, 0, 0, 0], was: [0, 0, 0.5, 0.5, 0, 0],
  not: [0, 0, 0, 0.5, 0, 1], swimming: [0.3, 0, 1, 0, 0, 0], in: [0, 0.3, 0, 1, 0, 0],
  sea: [0, 1, 0, 0, 0, 0], because: [0, 0, 0, 1, 0, 0], it: [0, 0, 0, 0, 1, 0],
  running: [0.3, 0, 1, 0, 0, 0], on: [0, 0.3, 0, 1, 0, 0], street: [0, 1, 0, 0, 0, 0],
};

