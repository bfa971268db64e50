// Charts for the notebooks: figure builders (pure), `show`, and the display bridge it uses (display.ts).
export { type Figure, wrap } from "./figure.js";
export { heatmap, heatmapGrid, similarityMatrix, colourRange, type HeatmapOptions } from "./heatmap.js";
export { bar } from "./bar.js";
export { scatter2d, type Scatter2dOptions } from "./scatter2d.js";
export { lines, type LinesOptions } from "./lines.js";
export { show, UNTRUSTED_MESSAGE } from "./show.js";
export { setDisplayHost, displayHost, DISPLAY_HOST, type DisplayHost, type DisplayMessage } from "./display.js";
export { imageAttention, type ImagePanel } from "./image_attention.js";
