// A code editor without a CDN: a textarea in monospace that grows with its text, where Tab indents (two
// spaces, or the selected lines), Shift+Tab dedents and Shift+Enter runs.
export function editor(text: string, run?: () => void, cls = "source-editor"): HTMLTextAreaElement {
  const area = document.createElement("textarea");
  area.className = cls;
  area.value = text;
  area.spellcheck = false;
  area.setAttribute("autocapitalize", "off");
  area.setAttribute("autocomplete", "off");
  area.wrap = "off";
  const fit = () => { area.rows = Math.max(2, area.value.split("\n").length); };
  fit();
  area.addEventListener("input", fit);
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.shiftKey && run) { e.preventDefault(); run(); return; }
    if (e.key !== "Tab" || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const { selectionStart: s, selectionEnd: end, value } = area;
    const lineStart = value.lastIndexOf("\n", s - 1) + 1;
    if (s === end && !e.shiftKey) { area.setRangeText("  ", s, end, "end"); fit(); return; }
    const block = value.slice(lineStart, end);
    const changed = e.shiftKey ? block.replace(/^ {1,2}/gm, "") : block.replace(/^/gm, "  ");
    area.setRangeText(changed, lineStart, end, "select");
    fit();
  });
  return area;
}
