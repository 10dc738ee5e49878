// Bare ONNX Runtime from Node.js, one flow-matching chunk: the observation graph once, then
// --steps Euler steps of the step graph (x += -1/steps * velocity from t = 1 to 0), the least a
// pi0-style runner has to do per chunk. The reference for the chunk-level comparison in
// docs/benchmarks.md. Inputs of the observation graph as in bare-ort.mjs; the step graph gets
// noisy_actions (filled once per chunk from a fixed wave, standing in for noise), time, and the
// observation graph's outputs of the same names (--context).
//
//   node benchmarks/node/bare-ort-chunk.mjs --observation obs.onnx --step step.onnx
//        --input image:float32:1,64,64,3 ... --actions 1,10,8 --context context --context context_mask
//        [--steps 10] [--runs 200] [--warmup 20] [--threads 1]
import { parseArgs } from 'node:util';
import { checksum, loadOnnxRuntime, makeTensor, report, sessionOptions, timeCalls } from './onnxruntime-node.mjs';

const { values: options } = parseArgs({
  options: {
    observation: { type: 'string' },
    step: { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    context: { type: 'string', multiple: true, default: [] },
    actions: { type: 'string' },
    steps: { type: 'string', default: '10' },
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    threads: { type: 'string', default: '1' },
  },
});
if (!options.observation || !options.step || !options.actions) {
  console.error('bare-ort-chunk: --observation, --step and --actions are required.');
  process.exit(2);
}

const ort = loadOnnxRuntime();
const observation = await ort.InferenceSession.create(options.observation, sessionOptions(Number(options.threads)));
const step = await ort.InferenceSession.create(options.step, sessionOptions(Number(options.threads)));
const feeds = Object.fromEntries(options.input.map((spec) => makeTensor(ort, spec)));
const [, start] = makeTensor(ort, `noisy_actions:float32:${options.actions}`);
const actions = new ort.Tensor('float32', new Float32Array(start.data.length), start.dims);
const time = new ort.Tensor('float32', new Float32Array(1), [1]);
const steps = Number(options.steps);

async function chunk() {
  const encoded = await observation.run(feeds);
  actions.data.set(start.data);
  const stepFeeds = { noisy_actions: actions, time };
  for (const name of options.context) stepFeeds[name] = encoded[name];
  for (let k = 0; k < steps; k++) {
    time.data[0] = 1 - k / steps;
    const velocity = (await step.run(stepFeeds)).velocity.data;
    for (let i = 0; i < velocity.length; i++) actions.data[i] -= velocity[i] / steps;
  }
}

const times = await timeCalls(chunk, Number(options.runs), Number(options.warmup));
// The checksum of the last chunk's actions, which the .NET side compares with its own.
report(ort, { observation: options.observation, step: options.step, steps, output_checksum: checksum(actions.data) }, times);
await observation.release();
await step.release();
