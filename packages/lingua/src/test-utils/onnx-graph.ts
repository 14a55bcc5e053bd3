/**
 * The smallest BERT-shaped ONNX graphs transformers.js accepts: inputs `input_ids`, `attention_mask`
 * and `token_type_ids` (int64 [batch, seq]); `Gather` of an embedding table, then `MatMul` + `Add`.
 * Each token's output depends only on its own id, which is what lets tests choose the scores.
 */
import onnxProto, { type onnx } from 'onnx-proto';

const { ModelProto, TensorProto } = onnxProto.onnx;
const INT64 = TensorProto.DataType.INT64;
const FLOAT = TensorProto.DataType.FLOAT;

function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface GraphSpec {
  /** Row `i` is token `i`'s vector; `rows × width` values. */
  embedding: Float32Array;
  rows: number;
  width: number;
  /** `width × outputs` projection and `outputs` bias; omitted → the embedding is the output. */
  projection?: { weight: Float32Array; bias: Float32Array; outputs: number };
  output: 'logits' | 'last_hidden_state';
}

/** Serialized `ModelProto` (IR 8, opset 13). */
export function buildGraph(spec: GraphSpec): Uint8Array {
  const seq = ['batch_size', 'sequence_length'];
  const nodes: onnx.INodeProto[] = [
    { opType: 'Gather', input: ['embedding', 'input_ids'], output: ['hidden'], attribute: [] },
  ];
  const initializer = [floatTensor('embedding', [spec.rows, spec.width], spec.embedding)];
  let last = 'hidden';
  let width = spec.width;
  if (spec.projection) {
    const { weight, bias, outputs } = spec.projection;
    initializer.push(floatTensor('weight', [width, outputs], weight), floatTensor('bias', [outputs], bias));
    nodes.push(
      { opType: 'MatMul', input: ['hidden', 'weight'], output: ['projected'] },
      { opType: 'Add', input: ['projected', 'bias'], output: ['scores'] },
    );
    last = 'scores';
    width = outputs;
  }
  nodes.push({ opType: 'Identity', input: [last], output: [spec.output] });
  const model = ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: '@headroom/lingua test-utils',
    graph: {
      name: 'tiny_bert',
      node: nodes,
      initializer,
      input: [
        valueInfo('input_ids', INT64, seq),
        valueInfo('attention_mask', INT64, seq),
        valueInfo('token_type_ids', INT64, seq),
      ],
      output: [valueInfo(spec.output, FLOAT, [...seq, width])],
    },
  });
  return ModelProto.encode(model).finish();
}
