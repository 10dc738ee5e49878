// Bare ONNX Runtime from Node.js: the reference side of the runner overhead benchmark
// (docs/benchmarks.md, "ONNX Runtime: RobotSdk binding vs Node"). Loads one .onnx file with
// onnxruntime-node 1.30.0 (the same libonnxruntime.so.1 the RobotSdk binding loads), makes the
// input tensors once, runs session.run(feeds) --warmup times, then --runs timed times, and prints
// one JSON line with the per-run times in microseconds.
//
//   node benchmarks/node/bare-ort.mjs --model m.onnx --input x:float32:1,512 [--input ...]
//        [--runs 2000] [--warmup 200] [--threads 1]
//
// Inputs: name:type:dims[:fill], type float32 | int64 | bool; fill "wave" (default, element i is
// 0.5 sin(0.37 i + 0.1) for floats, i mod 7 for int64, true for bool) or "ones". The C# side
// (benchmarks/RobotSdk.Policy.OverheadBenchmark) fills its buffers with the same formula.
//
// onnxruntime-node is not installed with npm here: eng/fetch-onnxruntime.sh unpacks it (no
// install script, offline afterwards) into .cache/onnxruntime/1.30.0/node_modules, and this script
// loads it from there ($ROBOTSDK_ONNXRUNTIME_NODE_MODULES overrides the folder).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modulesFolder = process.env.ROBOTSDK_ONNXRUNTIME_NODE_MODULES
  ?? join(repositoryRoot, '.cache', 'onnxruntime', '1.30.0', 'node_modules');
if (!existsSync(join(modulesFolder, 'onnxruntime-node', 'package.json'))) {
  console.error(`bare-ort: onnxruntime-node is not in ${modulesFolder}; run eng/fetch-onnxruntime.sh `
    + '(or point ROBOTSDK_ONNXRUNTIME_NODE_MODULES at a node_modules folder holding onnxruntime-node 1.30.0).');
  process.exit(2);
}
const ort = createRequire(join(modulesFolder, 'noop.js'))('onnxruntime-node');

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

function makeTensor(spec) {
  const [name, type, dimsText, fill = 'wave'] = spec.split(':');
  const dims = dimsText.split(',').map(Number);
  if (!name || dims.some((d) => !Number.isInteger(d) || d < 1) || !['wave', 'ones'].includes(fill)) {
    throw new Error(`bad --input '${spec}': expected name:type:dims[:fill], e.g. x:float32:1,512`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  let data;
  switch (type) {
    case 'float32':
      data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = fill === 'ones' ? 1 : 0.5 * Math.sin(0.37 * i + 0.1);
      break;
    case 'int64':
      data = new BigInt64Array(count);
      for (let i = 0; i < count; i++) data[i] = BigInt(fill === 'ones' ? 1 : i % 7);
      break;
    case 'bool':
      data = new Uint8Array(count).fill(1);
      break;
    default:
      throw new Error(`bad --input '${spec}': type must be float32, int64 or bool`);
  }
  return [name, new ort.Tensor(type, data, dims)];
}

const session = await ort.InferenceSession.create(options.model, {
  intraOpNumThreads: Number(options.threads),
  interOpNumThreads: Number(options.threads),
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
});
const feeds = Object.fromEntries(options.input.map(makeTensor));
const runs = Number(options.runs);
for (let i = 0; i < Number(options.warmup); i++) {
  await session.run(feeds);
}

const times = new Float64Array(runs);
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  await session.run(feeds);
  times[i] = Number(process.hrtime.bigint() - start) / 1000;
}

const sorted = Array.from(times).sort((a, b) => a - b);
const percentile = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(JSON.stringify({
  runtime: `onnxruntime-node ${ort.env.versions?.common ?? '?'} on node ${process.version}`,
  model: options.model,
  runs,
  median_us: percentile(0.5),
  p90_us: percentile(0.9),
  min_us: sorted[0],
  times_us: Array.from(times),
}));
await session.release();
