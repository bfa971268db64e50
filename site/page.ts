// The frame every page of the site shares: head (local CSS only), header with the course link, footer nav.
import { escapeHtml } from "./render.js";

export interface Nav { prev?: { href: string; title: string }; next?: { href: string; title: string } }

export function page(title: string, body: string, nav: Nav = {}, opts: { katex?: boolean; live?: boolean } = {}): string {
  const link = (l: Nav["prev"], rel: string, arrow: string) => (l ? `<a rel="${rel}" class="${rel}" href="${l.href}">${rel === "prev" ? arrow + " " : ""}${escapeHtml(l.title)}${rel === "next" ? " " + arrow : ""}</a>` : "<span></span>");
  const navHtml = nav.prev || nav.next ? `<nav class="prevnext">${link(nav.prev, "prev", "←")}${link(nav.next, "next", "→")}</nav>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Attention, in TypeScript</title>
${opts.katex ? '<link rel="stylesheet" href="katex/katex.min.css">\n' : ""}<link rel="stylesheet" href="site.css">${opts.live ? '\n<script src="live/live.js" defer></script>' : ""}
</head>
<body>
<header><a href="index.html">Attention, in TypeScript</a> · <a href="explorer.html">attention explorer</a></header>
<main>
${navHtml}
${body}
${navHtml}
</main>
</body>
</html>
`;
}
