// Lesson 06: attention beyond translation. Images as patch tokens (a tiny vision Transformer and a captioner)
// and characters under two masks (decoder-only GPT, encoder-only BERT), trained with one fit loop.
export { SHAPES, SIZE, shapePixels, shapeImages, pairImages, type Shape, type ShapeImage, type PairImage } from "./shapes.js";
export { patchify } from "../patchify.js";
export { gridPositions } from "../grid_positions.js";
export { PatchEncoder } from "./patch_encoder.js";
export { VisionTransformer, VIT_CONFIG, type VitConfig } from "./vision_transformer.js";
export { Captioner, CAPTIONER_CONFIG, WORDS, CAPTION_LENGTH, captionIds, type CaptionerConfig } from "./captioner.js";
export { CharTransformer, CHARS, DATE_CHARS, MASK, START, TEXT_LENGTH, charIds, probabilities, type CharConfig } from "./char_transformer.js";
export { gptLoss, gptGenerate, sample } from "./gpt.js";
export { bertLoss, bertFill, maskTexts } from "./bert.js";
export { fit, type FitOptions } from "./fit.js";
export { embedTokens, argmaxRows, paramList } from "./token_embedding.js";
