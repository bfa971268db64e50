// Charts for the notebooks: figure builders (pure) and `show`, the tslab display bridge.
export { heatmap, heatmapGrid, similarityMatrix, bar, scatter2d, lines, type Figure, type HeatmapOptions } from "./figure.js";
export { show, chartHtml, plotlyBundleHtml } from "./show.js";
