// Bare ONNX Runtime from Node.js, one graph: the reference side of the runner overhead benchmark
// (docs/benchmarks.md, "ONNX Runtime: RobotSdk binding vs Node"). Loads the .onnx file with
// onnxruntime-node 1.30.0 (the same libonnxruntime.so.1 the RobotSdk binding loads), makes the
// input tensors once, calls session.run(feeds) --warmup times, then --runs timed times, and prints
// one JSON line with the per-call times in microseconds and a checksum of the last call's outputs.
//
//   node benchmarks/node/bare-ort.mjs --model m.onnx --input x:float32:1,512 [--input ...]
//        [--runs 2000] [--warmup 200] [--threads 1]
import { parseArgs } from 'node:util';
import { checksum, loadOnnxRuntime, makeTensor, report, sessionOptions, timeCalls } from './onnxruntime-node.mjs';

const { values: options } = parseArgs({
  options: {
    model: { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    runs: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    threads: { type: 'string', default: '1' },
  },
});
if (!options.model) {
  console.error('bare-ort: --model is required.');
  process.exit(2);
}

const ort = loadOnnxRuntime();
const session = await ort.InferenceSession.create(options.model, sessionOptions(Number(options.threads)));
const feeds = Object.fromEntries(options.input.map((spec) => makeTensor(ort, spec)));
let results;
const times = await timeCalls(async () => { results = await session.run(feeds); }, Number(options.runs), Number(options.warmup));
// The checksum of every float output of the last call, which the .NET side compares with its own.
const outputChecksum = Object.values(results).filter((tensor) => tensor.type === 'float32')
  .reduce((total, tensor) => total + checksum(tensor.data), 0);
report(ort, { model: options.model, output_checksum: outputChecksum }, times);
await session.release();
