// npm run bench:postgres: the PostgreSQL store beside the file store, on the real built code.
//   key → committed p50/p99 (decisions made one at a time, as keys, timed until the write that holds
//   them is committed; also with split mode's presence and leases, each key opening the next sample), opening a store that holds many decisions, and winnow export / stats of a
//   dataset with many decisions (the command line, wall clock), each for the file and the database.
//
//   node bench/postgres.js [--samples N] [--decisions N] [--open N] [--keys N] [--runs N]
//   WINNOW_BENCH_PG=postgres://user@host/db (default: $WINNOW_TEST_PG, else postgres://postgres@127.0.0.1:5432/test)
// Full size (the issue's): --samples 1000000 --decisions 300000 --open 100000. It works in a schema
// of its own, dropped at the end.
import {spawn} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, rmSync, writeSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const {values: options} = parseArgs({options: {
	samples: {type: 'string', default: '20000'},
	decisions: {type: 'string', default: '6000'},
	open: {type: 'string', default: '10000'},
	keys: {type: 'string', default: '300'},
	runs: {type: 'string', default: '3'},
}});
const samples = Number(options.samples);
const decisionCount = Math.min(Number(options.decisions), samples);
const openCount = Number(options.open);
const keyCount = Number(options.keys);
const runs = Math.max(1, Number(options.runs));
const base = process.env.WINNOW_BENCH_PG ?? process.env.WINNOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `winnow_bench_${process.pid}`;
const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const {openDecisionStore, dbSpecOf} = await import(join(root, 'dist', 'store', 'open-store.js'));

const admin = new pg.Client({connectionString: base});
try {
	await admin.connect();
} catch (error) {
	console.error(`bench:postgres: ${base.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@')} does not answer (${error.message}); start PostgreSQL or set WINNOW_BENCH_PG.`);
	process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'winnow-bench-pg-'));
await admin.query(`create schema ${schema}`);
const results = [];
try {
	console.log(`bench:postgres: ${samples.toLocaleString('en')} samples, ${decisionCount.toLocaleString('en')} decisions for export/stats, ${openCount.toLocaleString('en')} to open, ${keyCount} keys; load average ${loadavg().map(n => n.toFixed(1)).join(' ')}`);
	await run(['db', 'migrate', '--db', url]);

	// Key → committed.
	const keyData = writeDataset(join(dir, 'keys.jsonl'), Math.max(keyCount * 2, 1000));
	// As the review screen does it: split mode's presence and leases on the same store, each key
	// followed by opening the next sample (its lease claimed).
	for (const screen of [false, true]) {
		const suffix = screen ? ', with presence and leases (split mode)' : '';
		for (const [label, db] of [['file', join(dir, `keys${screen ? '-screen' : ''}.decisions.json`)], ['postgres', url]]) {
			const reviewer = `bench${screen ? '-screen' : ''}`;
			const {store, live} = await openDecisionStore(dbSpecOf(db), {path: keyData, name: 'keys.jsonl'}, {reviewer, live: screen, mode: 'split', store: {syncWrites: true}});
			live?.start();
			const latencies = await keysToCommitted(store, keyCount, reviewer, screen ? live : undefined);
			live?.stop();
			store.close();
			results.push({what: `key → committed p50${suffix}`, [label]: percentile(latencies, 50)});
			results.push({what: `key → committed p99${suffix}`, [label]: percentile(latencies, 99)});
		}
	}

	// Opening with many decisions.
	const openData = writeDataset(join(dir, 'open.jsonl'), Math.max(openCount, 1));
	const openFile = writeDecisionsFile(join(dir, 'open.decisions.json'), 'open.jsonl', openCount);
	await run(['db', 'push', openFile, '--db', url, '--dataset', openData]);
	for (const [label, db] of [['file', openFile], ['postgres', url]]) {
		const times = [];
		for (let i = 0; i < runs; i++) {
			const started = performance.now();
			const {store} = await openDecisionStore(dbSpecOf(db), {path: openData, name: 'open.jsonl'}, {reviewer: 'bench'});
			times.push(performance.now() - started);
			if (store.size !== openCount) throw new Error(`opened ${store.size} decisions, expected ${openCount}`);
			store.close();
		}

		results.push({what: `open a store with ${openCount.toLocaleString('en')} decisions`, [label]: median(times)});
	}

	// Export and stats.
	const data = writeDataset(join(dir, 'data.jsonl'), samples);
	const decisionsFile = writeDecisionsFile(join(dir, 'data.decisions.json'), 'data.jsonl', decisionCount);
	await run(['db', 'push', decisionsFile, '--db', url, '--dataset', data]);
	for (const [what, args] of [['export (accepted)', ['export', data, '--out', join(dir, 'accepted.jsonl')]], ['stats --json', ['stats', data, '--json']]]) {
		const row = {what: `${what}, ${samples.toLocaleString('en')} samples, ${decisionCount.toLocaleString('en')} decisions`};
		for (const [label, db] of [['file', decisionsFile], ['postgres', url]]) {
			const times = [];
			for (let i = 0; i < runs; i++) {
				const started = performance.now();
				await run([...args, '--db', db]);
				times.push(performance.now() - started);
			}

			row[label] = median(times);
		}

		results.push(row);
	}
} finally {
	await admin.query(`drop schema if exists ${schema} cascade`);
	await admin.end();
	rmSync(dir, {recursive: true, force: true});
}

const merged = new Map();
for (const row of results) merged.set(row.what, {...merged.get(row.what), ...Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined))});
console.log('\n| measure | file | postgres | postgres / file |\n|---|---|---|---|');
for (const row of merged.values()) {
	const ratio = row.file > 0 && row.postgres !== undefined ? `${(row.postgres / row.file).toFixed(2)}×` : '';
	console.log(`| ${row.what} | ${ms(row.file)} | ${ms(row.postgres)} | ${ratio} |`);
}

console.log(`\nload average at the end ${loadavg().map(n => n.toFixed(1)).join(' ')}`);
process.exit(0);

function ms(value) {
	return value === undefined ? '' : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function median(values) {
	return percentile(values, 50);
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Keys one at a time, 20 a second (a fast reviewer): each timed until no longer unsaved; with `live`, each followed by opening the next sample. */
async function keysToCommitted(store, count, reviewer, live) {
	const waiting = new Map();
	const latencies = [];
	store.onChange(() => {
		const unsaved = store.unsavedSamples();
		for (const [sample, started] of waiting) {
			if (!unsaved.has(sample)) {
				latencies.push(performance.now() - started);
				waiting.delete(sample);
			}
		}
	});
	for (let i = 0; i < count; i++) {
		const sample = `k${i}`;
		waiting.set(sample, performance.now());
		store.set({sample, reviewer, verdict: 'accepted'});
		live?.claim(`k${i + 1}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}

	while (waiting.size > 0) {
		await new Promise(resolve => setTimeout(resolve, 20));
	}

	return latencies;
}

function writeDataset(path, count) {
	const fd = openSync(path, 'w');
	try {
		let chunk = '';
		for (let i = 0; i < count; i++) {
			chunk += `${JSON.stringify({id: `k${i}`, messages: [{role: 'user', content: `question ${i}: what is ${i} times 7?`}, {role: 'assistant', content: `${i} times 7 is ${i * 7}. `.repeat(8)}], model: i % 2 ? 'gen-a' : 'gen-b'})}\n`;
			if (chunk.length > 1_000_000) {
				writeSync(fd, chunk);
				chunk = '';
			}
		}

		writeSync(fd, chunk);
	} finally {
		closeSync(fd);
	}

	return path;
}

function writeDecisionsFile(path, dataset, count) {
	const verdicts = ['accepted', 'accepted', 'accepted', 'rejected', 'flagged'];
	const at = Date.parse('2026-01-05T09:00:00.000Z');
	const lines = [];
	for (let i = 0; i < count; i++) {
		const verdict = verdicts[i % verdicts.length];
		lines.push(JSON.stringify({sample: `k${i}`, reviewer: i % 2 ? 'ana' : 'ben', verdict, categories: verdict === 'flagged' ? ['age'] : [], note: '', at: new Date(at + (i * 1000)).toISOString()}));
	}

	const fd = openSync(path, 'w');
	try {
		writeSync(fd, `{\n"schema": 1,\n"dataset": ${JSON.stringify(dataset)},\n"createdAt": "2026-01-05T09:00:00.000Z",\n"decisions": [\n`);
		for (let i = 0; i < lines.length; i += 10_000) writeSync(fd, lines.slice(i, i + 10_000).join(',\n') + (i + 10_000 < lines.length ? ',\n' : '\n'));
		writeSync(fd, ']\n}\n');
	} finally {
		closeSync(fd);
	}

	return path;
}

async function run(args) {
	const child = spawn(process.execPath, [cli, ...args], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', chunk => {
		stderr += chunk;
	});
	const code = await new Promise(resolve => {
		child.on('exit', resolve);
	});
	if (code !== 0) throw new Error(`winnow ${args[0]} failed (${code}): ${stderr.trim()}`);
}
