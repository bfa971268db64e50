// Charts for the notebooks: figure builders (pure) and `show`, the tslab display bridge.
export { type Figure, wrap } from "./figure.js";
export { heatmap, heatmapGrid, similarityMatrix, colourRange, type HeatmapOptions } from "./heatmap.js";
export { bar } from "./bar.js";
export { scatter2d, type Scatter2dOptions } from "./scatter2d.js";
export { lines, type LinesOptions } from "./lines.js";
export { show, chartHtml, plotlyBundleHtml, UNTRUSTED_MESSAGE } from "./show.js";
export { imageAttention, type ImagePanel } from "./image_attention.js";
