// The Transformer layer (shared/API.md, "Transformer layer"): layer norm, feed-forward, encoder and decoder layers.
export { layerNorm, type LayerNormParams } from "./layer_norm.js";
export { feedForward, type FeedForwardParams } from "./feed_forward.js";
export { transformerEncoderLayer, type EncoderLayerParams, type EncoderLayerOptions } from "./encoder_layer.js";
export { transformerDecoderLayer, type DecoderLayerParams, type DecoderLayerOptions } from "./decoder_layer.js";
