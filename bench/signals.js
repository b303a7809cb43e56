// npm run bench:signals [-- --count N] [-- --scale N]
// Precision and recall of each signal on a planted-defect dataset (bench/planted.js), with the time
// spent on each signal; with --scale N, also the time and peak memory of computing every signal on
// N samples of the benchmark's dataset (bench/generate.js), as the review screen does after its
// first frame. Uses the built code (dist/): npm run build first (the npm script does).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {writeDataset} from './generate.js';
import {plantedDataset, score} from './planted.js';

const {values} = parseArgs({options: {count: {type: 'string', default: '20000'}, scale: {type: 'string'}, seed: {type: 'string', default: '1'}}});
const {computeSignals, defaultSignalConfig, SIGNALS} = await import('../dist/dataset/signals/index.js');
const dir = mkdtempSync(join(tmpdir(), 'winnow-signals-bench-'));
const targets = {duplicate: 0.95, 'special-token': 0.95, empty: 0.95, refusal: 0.95, mojibake: 0.95, placeholder: 0.95, 'near-duplicate': 0.9, repetition: 0.9, truncated: 0.9};
const ms = value => `${Math.round(value).toLocaleString('en-US')} ms`;

try {
	const count = Number(values.count);
	const {text, truth} = plantedDataset({count, seed: Number(values.seed)});
	const path = join(dir, 'planted.jsonl');
	writeFileSync(path, text);
	const started = performance.now();
	const table = await computeSignals(path, defaultSignalConfig);
	const elapsed = performance.now() - started;
	console.log(`Signals on ${count.toLocaleString('en-US')} planted samples (seed ${values.seed}): ${ms(elapsed)}`);
	console.log('signal            planted  found  precision  recall  target  time');
	let missed = 0;
	for (const [bit, signal] of SIGNALS.entries()) {
		const found = new Set();
		for (let index = 0; index < table.count; index++) if (table.has(index, signal)) found.add(index);
		const result = score(found, truth[signal] ?? new Set());
		const target = targets[signal];
		const meets = target === undefined || (result.precision >= target && result.recall >= target);
		if (!meets) missed++;
		console.log(`${signal.padEnd(16)} ${String(result.planted).padStart(8)} ${String(result.found).padStart(6)} ${result.precision.toFixed(3).padStart(10)} ${result.recall.toFixed(3).padStart(7)} ${(target === undefined ? '-' : `≥${target}`).padStart(7)}${meets ? ' ' : '!'} ${ms(table.data.timings[bit]).padStart(9)}`);
	}

	console.log(`near-duplicate: ${table.data.candidatePairs.toLocaleString('en-US')} candidate pairs compared by signature, ${table.data.checkedPairs.toLocaleString('en-US')} checked by exact Jaccard`);
	if (values.scale !== undefined) {
		const samples = Number(values.scale);
		const benchPath = join(dir, 'bench.jsonl');
		const bytes = writeDataset(benchPath, samples, 1);
		const before = process.resourceUsage().maxRSS;
		const start = performance.now();
		const scaled = await computeSignals(benchPath, defaultSignalConfig);
		const took = performance.now() - start;
		console.log(`\nAll signals on ${samples.toLocaleString('en-US')} bench samples (${(bytes / 1e6).toFixed(0)} MB): ${ms(took)}, peak RSS ${(Math.max(before, process.resourceUsage().maxRSS) / 1024).toFixed(0)} MB`);
		console.log(SIGNALS.map((signal, bit) => `${signal} ${ms(scaled.data.timings[bit])}`).join(', '));
	}

	if (missed > 0) process.exitCode = 1;
} finally {
	rmSync(dir, {recursive: true, force: true});
}
