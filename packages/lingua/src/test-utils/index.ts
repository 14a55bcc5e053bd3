export * from './harness.js';
export * from './onnx-graph.js';
export * from './texts.js';
export * from './tiny-models.js';
export * from './wordpiece.js';
