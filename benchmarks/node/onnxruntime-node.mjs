// Shared by the bare ONNX Runtime benchmark scripts: loads onnxruntime-node from the cache
// eng/fetch-onnxruntime.sh fills, builds input tensors from name:type:dims[:fill] specs, and
// summarizes per-run times.
//
// onnxruntime-node is not installed with npm here: eng/fetch-onnxruntime.sh unpacks it (no install
// script; offline afterwards) into .cache/onnxruntime/1.30.0/node_modules, and it is loaded from
// there; $ROBOTSDK_ONNXRUNTIME_NODE_MODULES overrides the folder.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadOnnxRuntime() {
  const modulesFolder = process.env.ROBOTSDK_ONNXRUNTIME_NODE_MODULES
    ?? join(repositoryRoot, '.cache', 'onnxruntime', '1.30.0', 'node_modules');
  if (!existsSync(join(modulesFolder, 'onnxruntime-node', 'package.json'))) {
    console.error(`onnxruntime-node is not in ${modulesFolder}; run eng/fetch-onnxruntime.sh `
      + '(or point ROBOTSDK_ONNXRUNTIME_NODE_MODULES at a node_modules folder holding onnxruntime-node 1.30.0).');
    process.exit(2);
  }
  return createRequire(join(modulesFolder, 'resolve-from-here.js'))('onnxruntime-node');
}

// Session options matching the .NET side's OnnxSessionOptions { IntraOpThreadCount = InterOpThreadCount = threads }.
export function sessionOptions(threads) {
  return { intraOpNumThreads: threads, interOpNumThreads: threads, graphOptimizationLevel: 'all', executionMode: 'sequential' };
}

// name:type:dims[:fill], type float32 | int64 | bool; fill "wave" (default: element i is
// 0.5 sin(0.37 i + 0.1) for floats, i mod 7 for int64, true for bool) or "ones". The .NET side
// (BenchmarkInput.cs) fills its buffers with the same values.
export function makeTensor(ort, spec) {
  const [name, type, dimsText = '', fill = 'wave'] = spec.split(':');
  const dims = dimsText.split(',').map(Number);
  if (!name || dims.some((d) => !Number.isInteger(d) || d < 1) || !['wave', 'ones'].includes(fill)) {
    throw new Error(`bad input '${spec}': expected name:type:dims[:fill], e.g. x:float32:1,512`);
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
      throw new Error(`bad input '${spec}': type must be float32, int64 or bool`);
  }
  return [name, new ort.Tensor(type, data, dims)];
}

// Warm-up calls, then timed calls of `once` (an async function); the per-call times in microseconds.
export async function timeCalls(once, runs, warmup) {
  for (let i = 0; i < warmup; i++) {
    await once();
  }
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await once();
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return Array.from(times);
}

// A checksum of output values that a permutation or a zero-mean layer norm does not hide:
// sum of value[i] * ((i mod 13) - 6). The .NET side (IInferenceSubject.OutputChecksum) computes the same.
export function checksum(data) {
  let total = 0;
  for (let i = 0; i < data.length; i++) total += data[i] * ((i % 13) - 6);
  return total;
}

// One JSON line: the median is the element at floor(n / 2) of the sorted times, as on the .NET side.
export function report(ort, fields, times) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({
    runtime: `onnxruntime-node ${ort.env.versions?.common ?? '?'} on node ${process.version}`,
    ...fields,
    runs: times.length,
    median_us: sorted[sorted.length >> 1],
    min_us: sorted[0],
    times_us: times,
  }));
}
