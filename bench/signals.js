// npm run bench:signals [-- --count N] [-- --scale 100000,1000000] [-- --runs 3]
// Precision and recall of each signal on a planted-defect dataset (bench/planted.js), with the time
// spent on each signal. With --scale, for each size, on the benchmark's dataset (bench/generate.js)
// with an id field and without: the time from opening the file (as the review screen does: index,
// then every signal in the background workers) until the signals are done, the peak RSS, the time
// per signal, and how long the status bar takes to count a query over the samples; each next to the
// same-run baseline (a plain Node line reader over the same file) and judged PASS/FAIL against
// issue 14's targets. Uses the built code (dist/): npm run build first (the npm script does).
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {writeDataset} from './generate.js';
import {plantedDataset, score} from './planted.js';

const usage = `node bench/signals.js [--count N] [--seed N] [--scale 100000,1000000] [--runs N] [--parts N]
  --count N     planted-defect samples for precision and recall (default 20,000)
  --seed N      the planted dataset's seed (default 1)
  --scale LIST  also time opening until every signal is done on the benchmark's files of these sizes
  --runs N      runs per size, the median is reported (default 3)
  --parts N     signal workers reading side by side (default: one per core, at most 4)`;
let values;
try {
	({values} = parseArgs({options: {count: {type: 'string', default: '20000'}, scale: {type: 'string'}, seed: {type: 'string', default: '1'}, runs: {type: 'string', default: '3'}, parts: {type: 'string'}, help: {type: 'boolean'}}}));
} catch (error) {
	console.error(`${error.message}\n${usage}`);
	process.exit(2);
}

if (values.help) {
	console.log(usage);
	process.exit(0);
}

const here = dirname(fileURLToPath(import.meta.url));
const load = () => loadavg().map(value => value.toFixed(2)).join(' ');
/** Issue 14's targets, by number of samples: seconds from opening until every signal is done, and peak RSS. */
const timeTarget = samples => (samples >= 1_000_000 ? 20_000 : samples >= 100_000 ? 2000 : undefined);
const rssTarget = 400 * 1024 * 1024;
const queryTarget = 1000;
const queries = ['signal:near-duplicate', 'cluster:duplicate -signal:length-outlier', 'signal:refusal | signal:repetition | signal:special-token'];
const {computeSignals, defaultSignalConfig, SIGNALS} = await import('../dist/dataset/signals/index.js');
const dir = mkdtempSync(join(tmpdir(), 'winnow-signals-bench-'));
const targets = {duplicate: 0.95, 'special-token': 0.95, empty: 0.95, refusal: 0.95, mojibake: 0.95, placeholder: 0.95, 'near-duplicate': 0.9, repetition: 0.9, truncated: 0.9};
const ms = value => `${Math.round(value).toLocaleString('en-US')} ms`;

console.log(`load average at start: ${load()}`);
try {
	const count = Number(values.count);
	const {text, truth} = plantedDataset({count, seed: Number(values.seed)});
	const path = join(dir, 'planted.jsonl');
	writeFileSync(path, text);
	const started = performance.now();
	const table = await computeSignals(path, defaultSignalConfig, undefined, {cache: false});
	const elapsed = performance.now() - started;
	console.log(`Signals on ${count.toLocaleString('en-US')} planted samples (seed ${values.seed}): ${ms(elapsed)}`);
	console.log('signal            planted  found  precision  recall  target        time');
	let missed = 0;
	for (const [bit, signal] of SIGNALS.entries()) {
		const found = new Set();
		for (let index = 0; index < table.count; index++) if (table.has(index, signal)) found.add(index);
		const result = score(found, truth[signal] ?? new Set());
		const target = targets[signal];
		const meets = target === undefined || (result.precision >= target && result.recall >= target);
		if (!meets) missed++;
		console.log(`${signal.padEnd(16)} ${String(result.planted).padStart(8)} ${String(result.found).padStart(6)} ${result.precision.toFixed(3).padStart(10)} ${result.recall.toFixed(3).padStart(7)} ${(target === undefined ? '-' : `≥${target}`).padStart(7)} ${target === undefined ? '    ' : meets ? 'PASS' : 'FAIL'} ${ms(table.data.timings[bit]).padStart(9)}`);
	}

	console.log(`near-duplicate: ${table.data.candidatePairs.toLocaleString('en-US')} candidate pairs compared by signature, ${table.data.checkedPairs.toLocaleString('en-US')} checked by exact Jaccard`);
	if (values.scale !== undefined) {
		for (const samples of values.scale.split(',').map(Number)) missed += await scaled(samples);
	}

	if (missed > 0) process.exitCode = 1;
} finally {
	rmSync(dir, {recursive: true, force: true});
	console.log(`load average at end: ${load()}`);
}

function median(list) {
	const sorted = [...list].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function run(args) {
	const result = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024});
	if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

function verdict(value, target) {
	return target === undefined ? '' : value <= target ? '  PASS' : '  FAIL';
}

/** Both variants of the bench file at this size, each measured `runs` times; returns how many targets were missed. */
async function scaled(samples) {
	const runs = Number(values.runs);
	let failed = 0;
	for (const withIds of [true, false]) {
		const path = join(dir, `bench-${samples}-${withIds ? 'id' : 'noid'}.jsonl`);
		const bytes = writeDataset(path, samples, 1, {withIds});
		const label = `${samples.toLocaleString('en-US')} bench samples, ${withIds ? 'id field' : 'no id field'} (${(bytes / 1e6).toFixed(0)} MB)`;
		const baseline = [];
		const measured = [];
		for (let i = 0; i < runs; i++) {
			let started = performance.now();
			run([join(here, 'baseline.js'), path]);
			baseline.push(performance.now() - started);
			started = performance.now();
			measured.push(JSON.parse(run([join(here, 'signals-run.js'), path, ...(values.parts ? ['--parts', values.parts] : []), ...queries.flatMap(query => ['--query', query])])));
		}

		const total = median(measured.map(result => result.totalMs));
		const typical = measured.find(result => result.totalMs === total);
		const rss = Math.max(...measured.map(result => result.peakRss));
		const base = median(baseline);
		const target = timeTarget(samples);
		console.log(`\n${label}, median of ${runs}, load average now ${load()}:`);
		console.log(`  baseline (Node line reader over the file): ${ms(base)}`);
		console.log(`  opening until every signal is done: ${ms(total)} (index ${ms(median(measured.map(result => result.indexMs)))}, signals ${ms(median(measured.map(result => result.signalsMs)))}), ${(total / base).toFixed(1)}× the baseline; target ≤ ${target === undefined ? '-' : ms(target)}${verdict(total, target)}`);
		console.log(`  peak RSS: ${(rss / 1024 / 1024).toFixed(0)} MB; target ≤ 400 MB${samples >= 1_000_000 ? verdict(rss, rssTarget) : ''}`);
		console.log(`  time per signal (summed over the workers; wall-clock, timed on one sample in 16): ${SIGNALS.map((signal, bit) => `${signal} ${ms(typical.timings[bit])}`).join(', ')}`);
		console.log(`  near-duplicate: ${typical.candidatePairs.toLocaleString('en-US')} candidate pairs, ${typical.checkedPairs.toLocaleString('en-US')} checked by exact Jaccard`);
		for (const [index, query] of queries.entries()) {
			const took = median(measured.map(result => result.queries[index].ms));
			const queryGoal = samples >= 1_000_000 ? queryTarget : undefined;
			console.log(`  query ${JSON.stringify(query)} counted (${typical.queries[index].matching.toLocaleString('en-US')} match): ${ms(took)}; target ≤ ${ms(queryTarget)} at 1M${verdict(took, queryGoal)}`);
			if (queryGoal !== undefined && took > queryGoal) failed++;
		}

		if (target !== undefined && total > target) failed++;
		if (samples >= 1_000_000 && rss > rssTarget) failed++;
		rmSync(path, {force: true});
	}

	return failed;
}
