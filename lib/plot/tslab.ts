// tslab's public display API (`import * as tslab from "tslab"`; `tslab.display.html("<b>hi</b>")`) over the
// display host (display.ts), so students' tslab code keeps working without tslab's private modules. The
// course kernel resolves the bare specifier "tslab" here (kernel/loader_hooks.mjs); the type checker still
// reads tslab's own declarations, which this module matches.
import { displayHost } from "./display.js";

export interface Display {
  javascript(s: string): void;
  html(s: string): void;
  markdown(s: string): void;
  latex(s: string): void;
  svg(s: string): void;
  png(b: Uint8Array): void;
  jpeg(b: Uint8Array): void;
  gif(b: Uint8Array): void;
  pdf(b: Uint8Array): void;
  text(s: string): void;
  raw(contentType: string, b: string | Uint8Array): void;
}

const base64 = (b: Uint8Array): string => {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};

/** A display; with an id, each call after the first replaces what the first showed (tslab's newDisplay). */
function makeDisplay(id?: string): Display {
  let shown = false;
  const raw = (contentType: string, b: string | Uint8Array): void => {
    const host = displayHost();
    if (!host) throw new Error("tslab.display: no notebook to display in (this code runs outside a kernel)");
    host.display({ data: { [contentType]: typeof b === "string" ? b : base64(b) }, metadata: {}, transient: id ? { display_id: id } : {} }, id !== undefined && shown);
    shown = true;
  };
  const mime = (type: string) => (s: string | Uint8Array) => raw(type, s);
  return {
    javascript: mime("text/javascript"), html: mime("text/html"), markdown: mime("text/markdown"), latex: mime("text/latex"),
    svg: mime("image/svg+xml"), png: mime("image/png"), jpeg: mime("image/jpeg"), gif: mime("image/gif"), pdf: mime("application/pdf"),
    text: mime("text/plain"), raw,
  };
}

let displays = 0;
/** Returns a new `Display` instance which displays and overwrites a single display-entry. */
export function newDisplay(): Display {
  displays += 1;
  return makeDisplay(`attention-kit-display-${Date.now().toString(36)}-${displays}`);
}

/** Utility functions to display rich contents in tslab. */
export const display: Display = makeDisplay();

/** The version strings of tslab and its dependencies (here: the display host's). */
export const versions = {
  get tslab() { return "1.0.22 API (attention-kit display host)"; },
  get typescript() { return displayHost()?.typescriptVersion ?? "unknown"; },
  node: typeof process === "undefined" ? "" : process.version,
};
