// One measured run for bench/signals.js, in a process of its own (so its peak RSS is its own): opens
// a dataset as the review screen does (index, then signals in the background workers), then counts
// queries the way the review screen's status bar does (QuerySlice). Prints one JSON line.
// node bench/signals-run.js FILE [--parts N] [--query Q]...
import {parseArgs} from 'node:util';

const {values, positionals} = parseArgs({allowPositionals: true, options: {parts: {type: 'string'}, query: {type: 'string', multiple: true, default: []}}});
const {Dataset} = await import('../dist/dataset/dataset.js');
const {computeSignals, defaultSignalConfig, SIGNALS} = await import('../dist/dataset/signals/index.js');
const {QuerySlice} = await import('../dist/review/query-slice.js');
const {parseQuery} = await import('../dist/query/index.js');

const peakRss = () => process.resourceUsage().maxRSS * 1024;
const opened = performance.now();
const dataset = await Dataset.open(positionals[0]);
await dataset.whenIndexed;
const indexed = performance.now();
const table = await computeSignals(dataset, defaultSignalConfig, undefined, {parts: values.parts === undefined ? undefined : Number(values.parts), cache: false});
const done = performance.now();
const signalsRss = peakRss();

const queries = [];
for (const text of values.query) {
	const slice = new QuerySlice(parseQuery(text, {signals: SIGNALS}), dataset, () => [], table);
	const started = performance.now();
	await new Promise(resolve => {
		slice.count(() => {
			if (slice.done) resolve();
		});
	});
	queries.push({query: text, ms: performance.now() - started, matching: slice.matching});
}

dataset.close();
process.stdout.write(`${JSON.stringify({
	samples: table.count,
	indexMs: indexed - opened,
	signalsMs: done - indexed,
	totalMs: done - opened,
	peakRss: signalsRss,
	timings: table.data.timings,
	counts: table.data.counts,
	candidatePairs: table.data.candidatePairs,
	checkedPairs: table.data.checkedPairs,
	queries,
})}\n`);
