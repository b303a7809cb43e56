// The decision store alone (no screen): opening a decisions file of N decisions, the memory it
// holds, and a key press's cost (set → on disk), as the review screen's store does them.
//
//   node bench/store.js [--decisions N] [--keys N] [--hash]
//   WINNOW_BENCH_CLI_DIR=/path/to/dist node bench/store.js     measure another build
// Prints one JSON line: open ms, heap and RSS growth per decision, key → on disk p50/p99.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {writeDecisions} from './generate.js';
import {percentile} from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values: options} = parseArgs({options: {
	decisions: {type: 'string', default: '1000000'},
	keys: {type: 'string', default: '200'},
	hash: {type: 'boolean', default: false},
}});
const distDir = resolve(process.env.WINNOW_BENCH_CLI_DIR ?? join(root, 'dist'));
const {DecisionStore} = await import(join(distDir, 'store', 'decision-store.js'));
const count = Number(options.decisions);
const dir = mkdtempSync(join(tmpdir(), 'winnow-store-bench-'));
const db = join(dir, 'data.decisions.json');
const hashId = i => `${(i * 2_654_435_761 >>> 0).toString(16).padStart(8, '0')}${(i * 40_503 >>> 0).toString(16).padStart(8, '0')}`;
try {
	writeDecisions(db, {datasetName: 'data.jsonl', count, pick: (i, random) => (random() < 0.7 ? 'accepted' : random() < 0.8 ? 'rejected' : 'flagged'), ...(options.hash && {idAt: hashId})});
	globalThis.gc?.();
	const rssBefore = process.memoryUsage().rss;
	const heapBefore = process.memoryUsage().heapUsed;
	const openedAt = performance.now();
	const store = await DecisionStore.open(db, 'data.jsonl', {writeDelay: 0, watchInterval: 0, syncWrites: true});
	const openMs = performance.now() - openedAt;
	const rssPeak = process.resourceUsage().maxRSS * 1024;
	globalThis.gc?.();
	const rssAfter = process.memoryUsage().rss;
	const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
	const latencies = [];
	for (let k = 0; k < Number(options.keys); k++) {
		const started = performance.now();
		store.set({sample: `key-${k}`, reviewer: 'alice', verdict: k % 3 === 0 ? 'rejected' : 'accepted'});
		await store.flush();
		latencies.push(performance.now() - started);
	}

	store.close();
	console.log(JSON.stringify({
		decisions: count,
		held: store.size,
		openMs: Math.round(openMs),
		heapBytesPerDecision: Math.round((heapAfter - heapBefore) / count),
		// The compact table itself (typed arrays in use), where the build has one.
		tableBytesPerDecision: store.db?.data?.bytesInUse === undefined ? undefined : Math.round(store.db.data.bytesInUse / count),
		rareRecords: store.db?.data?.rare?.size,
		rssBytesPerDecision: Math.round((rssAfter - rssBefore) / count),
		peakRssMb: Math.round(rssPeak / 1024 / 1024),
		keyToDiskP50: Number(percentile(latencies, 50).toFixed(2)),
		keyToDiskP99: Number(percentile(latencies, 99).toFixed(2)),
	}));
} finally {
	rmSync(dir, {recursive: true, force: true});
}
