// npm run bench: winnow's performance figures against the targets of issue 15, measured on the real
// built command line (the review screen in a pseudo-terminal, export and stats as processes), on two
// files of the same samples side by side: one whose lines carry an `id` field, and one without (each
// sample identified by the hash of its line). Each figure is next to baselines measured in the same
// run (`cat` of the file, a plain Node line reader, `node -e ''`), with its ratio to the target and
// PASS or FAIL; for the processes (startup, export, stats, the line reader) also their CPU time, every
// thread (bench/cpu-report.js), which load inflates far less. Prints a table; writes
// bench/results/latest.json. Exits with 1 when a gated figure
// (first frame, peak RSS, key latency: the ones a change to the review screen can make worse) fails
// its target, so a regression fails this check, never a unit test (timings do not belong there).
//
//   node bench/run.js [--samples N] [--runs N] [--only startup,open,keys,finished,export,stats] [--keep]
//   WINNOW_BENCH_SAMPLES=20000 node bench/run.js --runs 1     a quick check that the bench works
//   WINNOW_BENCH_CLI=/path/to/cli.js node bench/run.js        measure another build
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {cpus, getPriority, loadavg, setPriority, tmpdir, totalmem} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {prng, writeDataset, writeDecisions} from './generate.js';
import {DiskWatch, median, percentile, sleep, timeProcess} from './measure.js';
import {PtyScreen, header, indexing, readingDecisions} from './pty.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values: options} = parseArgs({options: {
	samples: {type: 'string', default: process.env.WINNOW_BENCH_SAMPLES ?? '1000000'},
	runs: {type: 'string', default: '3'},
	only: {type: 'string'},
	keep: {type: 'boolean', default: false},
	help: {type: 'boolean', default: false},
	out: {type: 'string', default: join(root, 'bench', 'results', 'latest.json')},
}});
if (options.help) {
	console.log(`node bench/run.js [--samples N] [--runs N] [--only startup,open,keys,finished,export,stats] [--keep] [--out FILE]
  --samples N   samples in each big file (default 1,000,000; or WINNOW_BENCH_SAMPLES)
  --runs N      runs per figure, the median is reported (default 3; keys: half, at least 1;
                keys during indexing: twice as many openings, their keys pooled)
  --only LIST   measure only these parts
  --keep        keep the generated files (printed at the start)
  WINNOW_BENCH_CLI=path/to/cli.js   measure another build`);
	process.exit(0);
}

const cli = resolve(process.env.WINNOW_BENCH_CLI ?? join(root, 'dist', 'cli.js'));
const bigCount = Number(options.samples);
const smallCount = Math.min(10_000, bigCount);
const runs = Math.max(1, Number(options.runs));
const keyRuns = Math.max(1, Math.ceil(runs / 2));
/** Openings for the keys during indexing (short: a 1M file is indexed in ~0.6 s). */
const freshRuns = Math.max(2, runs * 2);
const only = options.only ? new Set(options.only.split(',')) : undefined;
const wants = part => !only || only.has(part);
const reviewDecisions = Math.round(bigCount / 10);
/** A finished review: as many decisions as samples (every second sample decided by two reviewers, so sample 1 still opens first). */
const pickFinished = i => (i % 2 === 1 ? (i % 7 === 0 ? 'rejected' : 'accepted') : undefined);
/** Export: every third sample accepted (333,334 of 1M), one in twenty rejected. */
const exportPick = i => (i % 3 === 0 ? 'accepted' : i % 20 === 1 ? 'rejected' : undefined);
const exportAccepted = Math.ceil(bigCount / 3);
const mb = 1024 * 1024;
const bigLabel = bigCount >= 1_000_000 && bigCount % 1_000_000 === 0 ? `${bigCount / 1_000_000}M` : `${(bigCount / 1000).toFixed(0)}k`;

if (!existsSync(cli)) {
	console.error(`bench: ${cli} is missing; run npm run build (npm run bench does).`);
	process.exit(1);
}

// Other work on the machine (a test run, say) shows up as noise in the latencies: when allowed (as
// root), the bench and everything it starts run at a higher priority. The baselines run the same way.
let priority = 'normal';
try {
	setPriority(0, -10);
	priority = `nice ${getPriority(0)}`;
} catch {}

const dir = mkdtempSync(join(tmpdir(), 'winnow-bench-'));
// The signals cache (README "Signals", "The signals cache") of every process the bench starts is
// its own, in the bench's folder: the user's is neither read nor filled.
process.env.WINNOW_CACHE_DIR = join(dir, 'cache');
const screens = new Set();
const cleanUp = () => {
	for (const screen of screens) screen.kill();
	if (!options.keep) rmSync(dir, {recursive: true, force: true});
};

process.on('SIGINT', () => {
	cleanUp();
	process.exit(130);
});

const log = text => process.stderr.write(`${text}\n`);
const benchStarted = performance.now();
const elapsed = () => `${((performance.now() - benchStarted) / 1000).toFixed(0)}s`;
const loads = [];
const noteLoad = () => loads.push(loadavg()[0]);

// --- data ------------------------------------------------------------------------------------

const small = join(dir, 'small.jsonl');
/** The two big files: the same samples, with an id field and without (hash identity). */
const kinds = [
	{key: 'id', label: 'id field', withIds: true},
	{key: 'hash', label: 'no id (hash)', withIds: false},
];

function makeData() {
	log(`bench: generating ${smallCount.toLocaleString('en')} and 2 × ${bigCount.toLocaleString('en')} samples in ${dir}`);
	writeDataset(small, smallCount, 2);
	// Review: every tenth sample decided by someone else (samples 10, 20, 30…), so sample 1 opens first.
	const pickReview = (i, random) => {
		if (i % 10 !== 9) return undefined;
		const r = random();
		return r < 0.6 ? 'accepted' : r < 0.9 ? 'rejected' : 'flagged';
	};

	for (const kind of kinds) {
		kind.file = join(dir, `big-${kind.key}.jsonl`);
		kind.reviewDb = join(dir, `big-${kind.key}.decisions.json`);
		kind.exportDb = join(dir, `export-${kind.key}.decisions.json`);
		const hashIds = [];
		writeDataset(kind.file, bigCount, 1, {withIds: kind.withIds, hashIds});
		const idAt = kind.withIds ? undefined : i => hashIds[i];
		const datasetName = `big-${kind.key}.jsonl`;
		const decided = writeDecisions(kind.reviewDb, {datasetName, seed: 1, count: bigCount, pick: pickReview, ...(idAt && {idAt})});
		const exported = writeDecisions(kind.exportDb, {datasetName, seed: 1, count: bigCount, pick: exportPick, ...(idAt && {idAt})});
		if (wants('finished')) {
			kind.finishedDb = join(dir, `finished-${kind.key}.decisions.json`);
			kind.finished = writeDecisions(kind.finishedDb, {datasetName, seed: 1, count: bigCount, pick: pickFinished, perSample: 2, ...(idAt && {idAt})});
		}

		kind.size = statSync(kind.file).size;
		log(`bench: ${kind.label}: ${(kind.size / mb).toFixed(0)} MB, ${decided.toLocaleString('en')} review decisions, ${exported.toLocaleString('en')} export decisions (${elapsed()})`);
	}
}

// --- measurements ------------------------------------------------------------------------------

/**
 * CPU times (ms, every thread) of the timed Node processes, beside their wall times: `cpuOf(times)`
 * gives the CPU times of the runs whose wall times are `times`.
 */
const cpuTimes = new WeakMap();
const cpuOf = times => cpuTimes.get(times) ?? [];
function withCpu(times, cpus) {
	cpuTimes.set(times, cpus);
	return times;
}

/** The plain Node line reader (bench/baseline.js) on `file`, `count` times. */
async function lineReader(file, count) {
	const times = [];
	const cpus = [];
	for (let i = 0; i < count; i++) {
		const {ms, cpu, stdout} = await timeProcess([join(root, 'bench', 'baseline.js'), file]);
		if (Number(stdout.trim()) <= 0) throw new Error(`baseline counted ${stdout.trim()} lines`);
		times.push(ms);
		cpus.push(cpu);
	}

	return withCpu(times, cpus);
}

/** `cat file > /dev/null`, `count` times. */
async function cat(file, count) {
	const times = [];
	for (let i = 0; i < count; i++) {
		const {ms, code} = await timeProcess([file], {command: 'cat', discard: true});
		if (code !== 0) throw new Error(`cat ${file} failed (${code})`);
		times.push(ms);
	}

	return times;
}

/** A process, `count` times, checked by `check(result)`; its times. */
async function timed(count, args, check = () => undefined) {
	const times = [];
	const cpus = [];
	for (let i = 0; i < count; i++) {
		const result = await timeProcess(args, {cwd: dir});
		check(result);
		times.push(result.ms);
		cpus.push(result.cpu);
	}

	return withCpu(times, cpus);
}

function openScreen(args) {
	const screen = new PtyScreen(cli, args, {cwd: dir});
	screens.add(screen);
	screen.exited.then(() => screens.delete(screen));
	return screen;
}

/** Launches the review screen; times the first frame showing sample 1 and the end of indexing. */
async function openRun(file, db) {
	const screen = openScreen([file, '--db', db]);
	try {
		const first = await screen.waitFor(lines => header(lines)?.number === 1, 'sample 1');
		// A big decisions file is read in the background: keys apply once it is read.
		const read = await screen.waitFor(lines => header(lines) !== undefined && !readingDecisions(lines), 'the decisions read', 120_000);
		const done = await screen.waitFor(lines => header(lines) !== undefined && !indexing(lines) && !header(lines).partial, 'the end of indexing', 120_000);
		await sleep(100);
		const rss = screen.peakRss();
		await screen.quit();
		return {firstFrame: first.at - screen.startedAt, decisionsRead: read.at - screen.startedAt, indexed: done.at - screen.startedAt, rss, count: header(done.lines).count, shownReading: indexing(first.lines)};
	} finally {
		screen.kill();
	}
}

/**
 * Decides samples with a and r from the first frame on, one key at a time at a reviewer's pace
 * (a random pause after each frame), timing each key to the frame that shows the next sample and
 * to the record's arrival in the decisions file. Keys pressed while "reading N%" shows count as
 * during indexing; with `fastDuring` those come at a quicker pace (10–30 ms after each frame), so
 * that the ~0.6 s a 1M file takes to index holds more than a handful of them.
 */
async function keysRun(kind, run, keysAfter = 60, maxDuring = 400, withDecisions = true, decisions = kind.reviewDb, fastDuring = false) {
	const db = join(dir, `keys-${kind.key}-${run}${withDecisions ? '' : '-fresh'}.decisions.json`);
	if (withDecisions) copyFileSync(decisions, db);
	const screen = openScreen([kind.file, '--db', db]);
	const disk = new DiskWatch(db, 'bench');
	const random = prng(run + 11);
	const during = [];
	const after = [];
	let decisionsReadAt = Number.POSITIVE_INFINITY;
	try {
		const first = await screen.waitFor(lines => header(lines)?.number === 1, 'sample 1');
		const firstFrame = first.at - screen.startedAt;
		screen.waitFor(lines => !readingDecisions(lines), 'the decisions read', 120_000).then(read => {
			decisionsReadAt = performance.timeOrigin + read.at;
		}, () => undefined);
		let indexedAt;
		while (after.length < keysAfter) {
			const lines = screen.lines();
			const current = header(lines);
			const whileIndexing = indexing(lines) || current.partial;
			if (!whileIndexing && indexedAt === undefined) indexedAt = performance.now() - screen.startedAt;
			if (whileIndexing && during.length >= maxDuring) {
				await sleep(50);
				continue;
			}

			const key = random() < 0.7 ? 'a' : 'r';
			const sentAt = performance.now();
			disk.expect(current.id, key === 'a' ? 'accepted' : 'rejected', sentAt);
			screen.write(key);
			const shown = await screen.waitFor(next => {
				const moved = header(next);
				return moved !== undefined && moved.id !== current.id;
			}, `the sample after ${current.id}`, 20_000);
			(whileIndexing ? during : after).push(shown.at - sentAt);
			await sleep(whileIndexing && fastDuring ? 10 + Math.floor(random() * 20) : 60 + Math.floor(random() * 120));
		}

		const missing = await disk.settle();
		const rss = screen.peakRss();
		await screen.quit();
		// Keys typed while a big decisions file is still read wait for it (they are applied once it is read).
		const diskOnceRead = disk.timed.filter(key => key.sentAt >= decisionsReadAt).map(key => key.latency);
		return {firstFrame, indexedAt, during, after, disk: disk.latencies, diskOnceRead, missing, rss};
	} finally {
		disk.stop();
		screen.kill();
	}
}

async function repeat(count, label, run) {
	const results = [];
	for (let i = 0; i < count; i++) {
		results.push(await run(i));
		log(`bench: ${label} ${i + 1}/${count} (${elapsed()})`);
	}

	return results;
}

// --- the table ---------------------------------------------------------------------------------

const rows = [];

/**
 * One figure for both files. `values` maps a kind (id, hash) to its per-run values (the median is
 * reported); `limit(kind)` is the target in the figure's unit for that file (undefined: no target),
 * `target` how the issue states it.
 */
function figure(name, values, {unit = 'ms', limit, target = '', note, gate = false} = {}) {
	const row = {figure: name, unit, target, note, gate, kinds: {}};
	for (const kind of kinds) {
		const list = values[kind.key];
		if (list === undefined) continue;
		const value = median(list);
		const limitValue = limit?.(kind);
		row.kinds[kind.key] = {
			median: round(value),
			runs: list.map(v => round(v)),
			limit: round(limitValue),
			ratio: value === undefined || limitValue === undefined ? undefined : round(value / limitValue, 2),
			pass: value === undefined || limitValue === undefined ? undefined : value <= limitValue,
		};
	}

	rows.push(row);
}

function round(value, digits = 1) {
	if (value === undefined || !Number.isFinite(value)) return value;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

function formatValue(value, unit) {
	if (value === undefined) return '–';
	if (unit === 'MB') return `${value.toFixed(0)} MB`;
	if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 100 ? 1 : 0)} ms`;
	return `${value} ${unit}`;
}

/** The table, in Markdown: one line a figure, both files side by side. */
function table() {
	const head = ['figure', 'target'];
	for (const kind of kinds) head.push(kind.label, 'of target', '');
	const body = rows.map(row => {
		const cells = [row.figure, row.target];
		for (const kind of kinds) {
			const cell = row.kinds[kind.key];
			cells.push(cell ? formatValue(cell.median, row.unit) : '', cell?.ratio === undefined ? '' : `${cell.ratio}×`, cell?.pass === undefined ? '' : cell.pass ? 'PASS' : 'FAIL');
		}

		return cells;
	});
	const widths = head.map((title, i) => Math.max(title.length, ...body.map(cells => cells[i].length)));
	const line = cells => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [line(head), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...body.map(cells => line(cells))].join('\n');
}

function printTable(machine) {
	console.log(`\nwinnow bench · ${machine.cpus}× ${machine.cpu} · ${machine.memory} · Node ${process.version} · load ${machine.load} (1-min average: ${machine.loadDuring} during the run) · ${priority} · ${bigCount.toLocaleString('en')} samples a file (${kinds.map(kind => `${kind.label} ${(kind.size / mb).toFixed(0)} MB`).join(', ')}) · medians of ${runs} runs (${keyRuns} for keys) · ${machine.took}\n`);
	console.log(table());
	for (const row of rows.filter(r => r.note)) console.log(`  ${row.figure}: ${row.note}`);
	const failed = rows.flatMap(row => Object.entries(row.kinds).filter(([, cell]) => cell.pass === false).map(([key]) => `${row.figure} (${key})`));
	console.log(`\n${failed.length === 0 ? 'every target met' : `${failed.length} FAIL: ${failed.join('; ')}`}`);
	const gated = gateFailures();
	console.log(gated.length === 0 ? 'bench check: PASS (first frame, peak RSS and key latency within their targets)' : `bench check: FAIL (${gated.join('; ')})`);
}

/** The gated figures (first frame, peak RSS, key latency) that missed their target. */
function gateFailures() {
	return rows.filter(row => row.gate).flatMap(row => Object.entries(row.kinds).filter(([, cell]) => cell.pass === false).map(([key]) => `${row.figure} (${key})`));
}

/** Runs `measure(kind)` for each file; returns {id: result, hash: result}. */
async function forEachKind(measure) {
	const results = {};
	for (const kind of kinds) {
		results[kind.key] = await measure(kind);
	}

	return results;
}

const mapKinds = (results, pick) => Object.fromEntries(Object.entries(results).map(([key, value]) => [key, pick(value, key)]));

// --- main --------------------------------------------------------------------------------------

async function main() {
	makeData();
	noteLoad();
	const results = {};

	log('bench: baselines (cat, a plain Node line reader, node -e \'\')');
	const catTimes = await forEachKind(kind => cat(kind.file, runs));
	const readerTimes = await forEachKind(kind => lineReader(kind.file, runs));
	const catMs = mapKinds(catTimes, median);
	const readerMs = mapKinds(readerTimes, median);
	results.baseline = {cat: catTimes, lineReader: readerTimes};
	figure(`baseline: cat of the ${bigLabel} file`, catTimes, {target: '(reference)'});
	figure(`baseline: Node line reader, ${bigLabel}`, readerTimes, {target: '(reference)'});
	figure(`baseline: Node line reader, ${bigLabel}, CPU time`, mapKinds(readerTimes, cpuOf), {target: '(reference)'});
	noteLoad();

	if (wants('startup')) {
		const nodeTimes = await timed(runs * 3, ['-e', '']);
		const nodeMs = median(nodeTimes);
		results.startup = {node: nodeTimes};
		// Starting up does not depend on the file: one column.
		figure('baseline: node -e \'\'', {id: nodeTimes}, {target: '(reference)'});
		figure('baseline: node -e \'\', CPU time', {id: cpuOf(nodeTimes)}, {target: '(reference)'});
		const nodeCpu = median(cpuOf(nodeTimes));
		for (const command of ['export', 'stats']) {
			const times = await timed(runs * 3, [cli, command, '--version'], result => {
				if (result.code !== 0) throw new Error(`winnow ${command} --version failed (${result.code}): ${result.stderr}`);
			});
			results.startup[command] = times;
			figure(`winnow ${command} --version`, {id: times}, {limit: () => 1.3 * nodeMs, target: `≤ 1.3× node -e '' (${(1.3 * nodeMs).toFixed(0)} ms)`});
			figure(`winnow ${command} --version, CPU time`, {id: cpuOf(times)}, {limit: () => 1.3 * nodeCpu, target: `≤ 1.3× node -e '' CPU (${(1.3 * nodeCpu).toFixed(0)} ms)`});
		}

		noteLoad();
	}

	if (wants('open')) {
		const smallRuns = await repeat(runs, 'open 10k', i => openRun(small, join(dir, `small-${i}.decisions.json`)));
		const none = await forEachKind(kind => repeat(runs, `open ${kind.label} (no decisions)`, i => openRun(kind.file, join(dir, `none-${kind.key}-${i}.decisions.json`))));
		const decided = await forEachKind(kind => repeat(runs, `open ${kind.label} (${reviewDecisions} decisions)`, () => openRun(kind.file, kind.reviewDb)));
		results.open = {small: smallRuns, none, decided};
		figure('first frame, 10k', {id: smallRuns.map(r => r.firstFrame)}, {target: '(reference)'});
		figure(`first frame, ${bigLabel}`, mapKinds(none, list => list.map(r => r.firstFrame)), {limit: () => 300, target: '≤ 300 ms', gate: true});
		figure(`first frame, ${bigLabel} + ${(reviewDecisions / 1000).toFixed(0)}k decisions`, mapKinds(decided, list => list.map(r => r.firstFrame)), {limit: () => 500, target: '≤ 500 ms (with 1M decisions)', gate: true});
		figure(`indexed (reading N% gone), ${bigLabel}`, mapKinds(none, list => list.map(r => r.indexed)), {limit: kind => 4 * readerMs[kind.key], target: '≤ 4× line reader'});
		figure(`peak RSS, ${bigLabel} opened and indexed`, mapKinds(none, list => list.map(r => r.rss / mb)), {unit: 'MB', limit: () => 250, target: '≤ 250 MB', gate: true});
		figure(`peak RSS, ${bigLabel} + ${(reviewDecisions / 1000).toFixed(0)}k decisions`, mapKinds(decided, list => list.map(r => r.rss / mb)), {unit: 'MB', limit: () => 350, target: '≤ 350 MB (with 1M decisions)', gate: true});
		noteLoad();
	}

	if (wants('keys')) {
		const keyResults = await forEachKind(kind => repeat(keyRuns, `keys on ${kind.label} with ${reviewDecisions} decisions`, i => keysRun(kind, i)));
		// With decisions the file is often indexed before their file is loaded and the first frame
		// shows: no keys fall during indexing. Without a decisions file the window is there, but a 1M
		// file is indexed in ~0.6 s: keys come faster while it lasts (fastDuring), over more openings
		// (freshRuns), and the percentiles are of every such key together.
		const freshResults = await forEachKind(kind => repeat(freshRuns, `keys on ${kind.label} without a decisions file`, i => keysRun(kind, i, 2, 400, false, undefined, true)));
		results.keys = keyResults;
		results.keysFresh = freshResults;
		const counted = list => list.reduce((sum, r) => sum + r.length, 0);
		const keysNote = (all, pick) => kinds.map(kind => `${kind.label} ${counted(all[kind.key].map(pick))}`).join(', ');
		const during = mapKinds(freshResults, list => list.flatMap(r => r.during));
		const pooled = p => mapKinds(during, keys => (keys.length > 0 ? [percentile(keys, p)] : []));
		figure('key → frame p50, during indexing', pooled(50), {limit: () => 16, target: '≤ 16 ms', note: `keys during indexing (no decisions file, ${freshRuns} openings a file, 10–30 ms after each frame; percentiles of them all): ${keysNote(freshResults, r => r.during)}`, gate: true});
		figure('key → frame p99, during indexing', pooled(99), {limit: () => 50, target: '≤ 50 ms', gate: true});
		figure(`key → frame p50, after indexing, ${(reviewDecisions / 1000).toFixed(0)}k decisions`, mapKinds(keyResults, list => list.map(r => percentile(r.after, 50))), {limit: () => 16, target: '≤ 16 ms', note: `keys after indexing: ${keysNote(keyResults, r => r.after)}`, gate: true});
		figure(`key → frame p99, after indexing, ${(reviewDecisions / 1000).toFixed(0)}k decisions`, mapKinds(keyResults, list => list.map(r => percentile(r.after, 99))), {limit: () => 50, target: '≤ 50 ms', gate: true});
		const missing = Object.values(keyResults).flat().reduce((sum, r) => sum + r.missing, 0);
		figure('key → decision on disk p99', mapKinds(keyResults, list => list.map(r => percentile(r.disk, 99))), {limit: () => 300, target: '≤ 300 ms', note: missing > 0 ? `${missing} decisions never reached the file within 10 s` : undefined});
		figure('peak RSS reviewing (keys)', mapKinds(keyResults, list => list.map(r => r.rss / mb)), {unit: 'MB', limit: () => 350, target: '≤ 350 MB (with 1M decisions)', gate: true});
		noteLoad();
	}

	if (wants('finished')) {
		// A finished review: as many decisions as samples in the file (issue 15's 1M-decision targets).
		const label = kind => `${kind.label} + ${(kind.finished / 1000).toFixed(0)}k decisions`;
		const opened = await forEachKind(kind => repeat(runs, `open ${label(kind)}`, () => openRun(kind.file, kind.finishedDb)));
		const keyed = await forEachKind(kind => repeat(keyRuns, `keys on ${label(kind)}`, i => keysRun(kind, `finished-${i}`, 60, 400, true, kind.finishedDb)));
		results.finished = {opened, keyed};
		const decisions = `${bigLabel} + ${(kinds[0].finished / 1000).toFixed(0)}k decisions`;
		figure(`first frame, ${decisions}`, mapKinds(opened, list => list.map(r => r.firstFrame)), {limit: () => 500, target: '≤ 500 ms'});
		figure(`decisions read (keys apply), ${decisions}`, mapKinds(opened, list => list.map(r => r.decisionsRead)), {target: '(reference)'});
		figure(`peak RSS, ${decisions} (opened, indexed)`, mapKinds(opened, list => list.map(r => r.rss / mb)), {unit: 'MB', limit: () => 350, target: '≤ 350 MB'});
		const missing = Object.values(keyed).flat().reduce((sum, r) => sum + r.missing, 0);
		figure(`key → decision on disk p99, ${decisions}`, mapKinds(keyed, list => list.map(r => percentile(r.disk, 99))), {limit: () => 300, target: '≤ 300 ms', note: missing > 0 ? `${missing} decisions never reached the file within 10 s` : undefined});
		figure(`key → decision on disk p99, typed once the decisions are read, ${decisions}`, mapKinds(keyed, list => list.map(r => percentile(r.diskOnceRead, 99))), {limit: () => 300, target: '≤ 300 ms'});
		figure(`key → frame p99, after indexing, ${decisions}`, mapKinds(keyed, list => list.map(r => percentile(r.after, 99))), {limit: () => 50, target: '≤ 50 ms'});
		figure(`peak RSS reviewing (keys), ${decisions}`, mapKinds(keyed, list => list.map(r => r.rss / mb)), {unit: 'MB', limit: () => 350, target: '≤ 350 MB'});
		noteLoad();
	}

	if (wants('export')) {
		let exportRuns = await forEachKind(kind => repeat(runs, `export ${kind.label}`, async () => {
			const out = join(dir, `accepted-${kind.key}.jsonl`);
			const result = await timeProcess([cli, 'export', kind.file, '--db', kind.exportDb, '--out', out], {cwd: dir});
			if (result.code !== 0) throw new Error(`export failed (${result.code}): ${result.stderr}`);
			const lines = Number((await timeProcess([join(root, 'bench', 'baseline.js'), out])).stdout.trim());
			if (lines !== exportAccepted) throw new Error(`export wrote ${lines} lines, expected ${exportAccepted}`);
			return result;
		}));
		results.export = mapKinds(exportRuns, list => list.map(({ms, cpu}) => ({ms, cpu})));
		const exportCpu = mapKinds(exportRuns, list => list.map(r => r.cpu));
		exportRuns = mapKinds(exportRuns, list => list.map(r => r.ms));
		const name = `export ${(exportAccepted / 1000).toFixed(0)}k accepted of ${bigLabel}`;
		figure(`${name} (run 1 fills the facts cache, later runs read it)`, exportRuns, {limit: () => 1000, target: '≤ 1.0 s'});
		figure(`${name}, first run (facts worked out)`, mapKinds(exportRuns, list => list.slice(0, 1)), {target: '(reference)'});
		if (runs > 1) figure(`${name}, facts cached (runs 2–${runs})`, mapKinds(exportRuns, list => list.slice(1)), {limit: () => 1000, target: '≤ 1.0 s'});
		figure(`${name}, to cat`, mapKinds(exportRuns, (list, key) => list.map(ms => ms / catMs[key])), {unit: '×', limit: () => 10, target: '≤ 10× cat'});
		figure(`${name}, to the id file`, {hash: exportRuns.hash.map(ms => ms / median(exportRuns.id))}, {unit: '×', limit: () => 2, target: 'hash ≤ 2× id'});
		figure(`${name}, CPU time (every thread)`, exportCpu, {target: '(reference)'});
		noteLoad();
	}

	if (wants('stats')) {
		// A signals cache of its own: the first run of each file computes the signals (and stores them), the next ones read them.
		const statsEnv = {WINNOW_CACHE_DIR: join(dir, 'stats-cache')};
		let statsRuns = await forEachKind(kind => repeat(runs, `stats ${kind.label}`, async () => {
			const result = await timeProcess([cli, 'stats', kind.file, '--db', kind.reviewDb, '--json'], {cwd: dir, env: statsEnv});
			if (result.code !== 0) throw new Error(`stats failed (${result.code}): ${result.stderr}`);
			return result;
		}));
		results.stats = mapKinds(statsRuns, list => list.map(({ms, cpu}) => ({ms, cpu})));
		const statsCpu = mapKinds(statsRuns, list => list.map(r => r.cpu));
		statsRuns = mapKinds(statsRuns, list => list.map(r => r.ms));
		figure(`stats on ${bigLabel} (run 1 computes the signals and facts, later runs read them cached)`, statsRuns, {limit: () => 1200, target: '≤ 1.2 s'});
		figure(`stats on ${bigLabel}, first run (signals and facts computed)`, mapKinds(statsRuns, list => list.slice(0, 1)), {target: '(reference)'});
		if (runs > 1) figure(`stats on ${bigLabel}, signals and facts cached (runs 2–${runs})`, mapKinds(statsRuns, list => list.slice(1)), {limit: () => 1200, target: '≤ 1.2 s'});
		figure(`stats on ${bigLabel}, to cat`, mapKinds(statsRuns, (list, key) => list.map(ms => ms / catMs[key])), {unit: '×', limit: () => 10, target: '≤ 10× cat'});
		figure(`stats on ${bigLabel}, to the id file`, {hash: statsRuns.hash.map(ms => ms / median(statsRuns.id))}, {unit: '×', limit: () => 2, target: 'hash ≤ 2× id'});
		figure(`stats on ${bigLabel}, CPU time (every thread)`, statsCpu, {target: '(reference)'});
		noteLoad();
	}

	const machine = {
		cpus: cpus().length,
		cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
		memory: `${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM`,
		node: process.version,
		took: elapsed(),
		load: loadavg().map(n => n.toFixed(1)).join(' '),
		loadDuring: `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
		priority,
	};
	printTable(machine);
	mkdirSync(dirname(options.out), {recursive: true});
	writeFileSync(options.out, `${JSON.stringify({date: new Date().toISOString(), cli, samples: bigCount, runs, keyRuns, machine, files: kinds.map(({key, label, size}) => ({key, label, size})), baseline: {cat: catMs, lineReader: readerMs}, figures: rows, table: table(), raw: results}, null, 2)}\n`);
	log(`bench: results in ${options.out}`);
	if (gateFailures().length > 0) process.exitCode = 1;
}

try {
	await main();
} catch (error) {
	console.error(`bench failed: ${error.stack ?? error}`);
	process.exitCode = 1;
} finally {
	cleanUp();
}
