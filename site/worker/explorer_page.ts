// The explorer's live panel: type a date and see the trained GRU (Bahdanau) or Transformer translator's
// attention, computed in the page's worker; edit the hand-set word features of notebook 02's "it" sentence
// and watch the head change. Results are drawn by explorer.js like the built-in examples.
import { ANIMAL_FEATURES, ANIMAL_LEXICON } from "../animal_lexicon.js";

type Explore = (payload: Record<string, unknown>) => Promise<{ example?: unknown; error?: string }>;
declare global { interface Window { attentionKitExplorer?: { show(example: unknown): void; focus(i: number): void } } }

export function explorerPanel(explore: Explore, setStatus: (s: string) => void, status: HTMLElement): void {
  const host = document.getElementById("live-explorer");
  if (!host) return;
  host.className = "live-explorer";
  host.innerHTML = `<h2>Your own input</h2>
<form id="date-form"><label>a date <input id="date-text" value="tuesday june 8 2021" autocomplete="off" spellcheck="false"></label>
<label>translator <select id="date-model"><option value="bahdanau">GRU + Bahdanau (notebook 04)</option><option value="transformer">Transformer (notebook 05)</option></select></label>
<button type="submit" class="run">Translate</button> <output id="date-out"></output></form>
<details><summary>Edit the word features of “The animal … because it was running on the street”</summary>
<p>Each word's hand-set features (notebook 02). A pronoun's query asks for <i>animate</i>: make “street” animate, or “animal” less so, and hover “it”.</p>
<div class="features-scroll"><table id="features"></table></div></details>`;
  host.prepend(status);
  const text = host.querySelector<HTMLInputElement>("#date-text")!, model = host.querySelector<HTMLSelectElement>("#date-model")!, out = host.querySelector<HTMLOutputElement>("#date-out")!;
  const show = (r: { example?: unknown; error?: string }) => {
    if (r.error) { out.textContent = r.error; return false; }
    window.attentionKitExplorer?.show(r.example);
    return true;
  };
  host.querySelector("#date-form")!.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.textContent = "translating…";
    const r = await explore({ what: "date", model: model.value, text: text.value.trim().toLowerCase() });
    if (show(r)) { const ex = r.example as { queries: string[] }; out.textContent = `→ ${ex.queries.join("")}`; setStatus(""); }
  });
  const lexicon: Record<string, number[]> = structuredClone(ANIMAL_LEXICON);
  const table = host.querySelector<HTMLTableElement>("#features")!;
  table.innerHTML = `<tr><th>word</th>${ANIMAL_FEATURES.map((f) => `<th>${f}</th>`).join("")}</tr>` +
    Object.entries(lexicon).map(([w, v]) => `<tr><th>${w}</th>${v.map((x, j) => `<td><input type="number" step="0.1" inputmode="decimal" data-word="${w}" data-feature="${j}" value="${x}" aria-label="${w} ${ANIMAL_FEATURES[j]}"></td>`).join("")}</tr>`).join("");
  let pending = 0;
  table.addEventListener("input", async (e) => {
    const input = e.target as HTMLInputElement;
    const v = Number(input.value);
    if (!Number.isFinite(v) || input.value.trim() === "") return;
    lexicon[input.dataset.word!][Number(input.dataset.feature)] = v;
    const mine = ++pending;
    const r = await explore({ what: "animal", lexicon });
    if (mine === pending && show(r)) window.attentionKitExplorer?.focus(9); // token 9 is "it"
  });
}
