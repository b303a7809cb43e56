// node bench/beyond.js: the slopes behind README "Performance: beyond one machine". Measures, at two
// sizes, what grows with the number of samples and decisions, so that 10M and 100M can be
// extrapolated from measured per-sample and per-decision costs rather than guessed:
//   - the review screen's dataset index (spans + id table), in memory, for a file with ids and one
//     without (hash ids): bytes per sample, from the built Dataset in this process;
//   - the decisions file: bytes per decision on disk;
//   - the PostgreSQL store (if a server answers): table + index bytes per decision, and the time of the
//     query a review session opens with (every current decision of the dataset) and of one decision's
//     look-up by primary key.
//
//   node bench/beyond.js [--samples 100000,1000000] [--decisions 100000,1000000]
//   WINNOW_BENCH_PG=postgres://user@host/db (default: $WINNOW_TEST_PG, else postgres://postgres@127.0.0.1:5432/test)
// Prints a Markdown table and the slopes; writes bench/results/beyond.json.
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {writeDataset, writeDecisions} from './generate.js';
import {median} from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values: options} = parseArgs({options: {
	samples: {type: 'string', default: '100000,1000000'},
	decisions: {type: 'string', default: '100000,1000000'},
}});
const sampleSizes = options.samples.split(',').map(Number);
const decisionSizes = options.decisions.split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'winnow-beyond-'));
const log = text => process.stderr.write(`${text}\n`);
const results = {load: loadavg()[0], index: [], decisionsFile: [], postgres: []};

/**
 * Opens the dataset as the review screen does (Dataset: the index built on its worker) in a process
 * of its own; its peak RSS and the time to the end of indexing. The slope between two sizes is the
 * index's cost per sample (what the process holds anyway cancels out).
 */
function indexInChild(file) {
	const script = `const {Dataset} = await import(${JSON.stringify(join(root, 'dist', 'dataset', 'dataset.js'))});
const started = performance.now();
const dataset = await Dataset.open(${JSON.stringify(file)});
await dataset.whenIndexed;
const ms = performance.now() - started;
console.log(JSON.stringify({samples: dataset.count, rss: process.resourceUsage().maxRSS * 1024, ms}));
dataset.close();`;
	const runner = join(dir, 'index-once.mjs');
	writeFileSync(runner, script);
	const child = spawnSync(process.execPath, [runner], {encoding: 'utf8'});
	if (child.status !== 0) throw new Error(`indexing ${file} failed: ${child.stderr}`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

try {
	for (const withIds of [true, false]) {
		for (const count of sampleSizes) {
			const file = join(dir, `data-${withIds ? 'id' : 'hash'}-${count}.jsonl`);
			writeDataset(file, count, 1, {withIds});
			const {samples, rss, ms} = indexInChild(file);
			results.index.push({ids: withIds ? 'id field' : 'hash', samples, fileBytes: statSync(file).size, indexBytes: rss, indexMs: ms});
			log(`beyond: index of ${count} samples (${withIds ? 'id' : 'hash'}): peak RSS ${(rss / 1024 / 1024).toFixed(1)} MB, ${ms.toFixed(0)} ms`);
			rmSync(file, {force: true});
		}
	}

	for (const count of decisionSizes) {
		const db = join(dir, `d-${count}.decisions.json`);
		const written = writeDecisions(db, {datasetName: 'data.jsonl', seed: 1, count, pick: i => (i % 3 === 0 ? 'accepted' : i % 3 === 1 ? 'rejected' : 'flagged')});
		results.decisionsFile.push({decisions: written, bytes: statSync(db).size, bytesPerDecision: statSync(db).size / written});
		rmSync(db, {force: true});
	}

	await measurePostgres();
} finally {
	rmSync(dir, {recursive: true, force: true});
}

async function measurePostgres() {
	let pg;
	try {
		pg = (await import('pg')).default;
	} catch {
		log('beyond: no pg module; PostgreSQL left out');
		return;
	}

	const base = process.env.WINNOW_BENCH_PG ?? process.env.WINNOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
	const schema = `winnow_beyond_${process.pid}`;
	const client = new pg.Client({connectionString: base});
	try {
		await client.connect();
	} catch (error) {
		log(`beyond: PostgreSQL at ${base.replace(/:[^:@/]*@/, ':***@')} does not answer (${error.message}); left out`);
		return;
	}

	const {migrations} = await import(join(root, 'dist', 'store', 'postgres', 'migrations.js'));
	try {
		await client.query(`create schema ${schema}`);
		await client.query(`set search_path = ${schema}`);
		for (const step of migrations) await client.query(step.sql);
		const {rows: [{id}]} = await client.query('insert into winnow_datasets (name, fingerprint, fingerprint_bytes, created_by) values ($1, $2, $3, $4) returning id', ['data.jsonl', 'x', 0, 'bench']);
		let inserted = 0;
		for (const count of decisionSizes) {
			// Decisions as review writes them: a UUID-shaped sample id, one reviewer of three, a verdict, the log row and the current row.
			const step = 200_000;
			for (let from = inserted; from < count; from += step) {
				const to = Math.min(count, from + step);
				await client.query(`insert into winnow_decisions (dataset_id, sample, reviewer, verdict, at, session)
					select $1, md5(i::text)::uuid::text, 'reviewer-' || (i % 3), (array['accepted','rejected','flagged'])[1 + i % 3], to_char(now() + i * interval '1 ms', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bench'
					from generate_series($2::int, $3::int - 1) as i`, [id, from, to]);
				await client.query(`insert into winnow_current (dataset_id, sample, reviewer, seq, at, verdict)
					select dataset_id, sample, reviewer, seq, at, verdict from winnow_decisions where dataset_id = $1 and seq > (select coalesce(max(seq), 0) from winnow_current)`, [id]);
			}

			inserted = count;
			await client.query('vacuum analyze winnow_decisions');
			await client.query('vacuum analyze winnow_current');
			const {rows: [sizes]} = await client.query(`select pg_total_relation_size('winnow_decisions') as log, pg_total_relation_size('winnow_current') as current,
				pg_indexes_size('winnow_decisions') + pg_indexes_size('winnow_current') as indexes`);
			const open = [];
			for (let run = 0; run < 3; run++) {
				const started = performance.now();
				// The query a review session opens with (store/postgres/backend.ts), its rows streamed to the client.
				const {rowCount} = await client.query(`select c.sample, c.reviewer, d.verdict, d.categories, d.note, d.at from winnow_current c join winnow_decisions d on d.seq = c.seq where c.dataset_id = $1`, [id]);
				open.push(performance.now() - started);
				if (rowCount !== count) throw new Error(`read ${rowCount} current decisions, expected ${count}`);
			}

			const lookups = [];
			for (let run = 0; run < 200; run++) {
				const started = performance.now();
				await client.query('select verdict from winnow_current where dataset_id = $1 and sample = md5($2::text)::uuid::text', [id, String((run * 7919) % count)]);
				lookups.push(performance.now() - started);
			}

			const total = Number(sizes.log) + Number(sizes.current);
			results.postgres.push({decisions: count, bytes: total, indexBytes: Number(sizes.indexes), bytesPerDecision: total / count, openMs: median(open), lookupMs: median(lookups)});
			log(`beyond: PostgreSQL with ${count} decisions: ${(total / 1024 / 1024).toFixed(0)} MB, open query ${median(open).toFixed(0)} ms`);
		}
	} finally {
		await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
		await client.end();
	}
}

// --- report ------------------------------------------------------------------------------------

/** Per-unit slope between the two sizes measured (the fixed part left out), and the value at `n`. */
function slope(points, x, y) {
	const [a, b] = [points[0], points.at(-1)];
	const perUnit = (b[y] - a[y]) / (b[x] - a[x]);
	return {perUnit, fixed: a[y] - perUnit * a[x], at: n => a[y] + perUnit * (n - a[x])};
}

const mb = n => `${(n / 1024 / 1024).toFixed(0)} MB`;
const gb = n => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : mb(n));
const lines = [`beyond one machine · load ${results.load.toFixed(1)} · measured at ${sampleSizes.join(', ')} samples and ${decisionSizes.join(', ')} decisions`, ''];
lines.push('| what | per unit (measured slope) | 1M | 10M | 100M |', '|---|---|---|---|---|');
for (const ids of ['id field', 'hash']) {
	const points = results.index.filter(point => point.ids === ids);
	if (points.length < 2) continue;
	const fit = slope(points, 'samples', 'indexBytes');
	lines.push(`| review index in memory (${ids}) | ${fit.perUnit.toFixed(1)} B/sample | ${gb(fit.at(1e6))} | ${gb(fit.at(1e7))} | ${gb(fit.at(1e8))} |`);
	const time = slope(points, 'samples', 'indexMs');
	lines.push(`| indexing time (${ids}, one worker) | ${(time.perUnit * 1000).toFixed(2)} µs/sample | ${(time.at(1e6) / 1000).toFixed(1)} s | ${(time.at(1e7) / 1000).toFixed(0)} s | ${(time.at(1e8) / 1000).toFixed(0)} s |`);
	const file = slope(points, 'samples', 'fileBytes');
	lines.push(`| dataset file (${ids}) | ${file.perUnit.toFixed(0)} B/sample | ${gb(file.at(1e6))} | ${gb(file.at(1e7))} | ${gb(file.at(1e8))} |`);
}

if (results.decisionsFile.length > 0) {
	const fit = slope(results.decisionsFile, 'decisions', 'bytes');
	lines.push(`| decisions file | ${fit.perUnit.toFixed(0)} B/decision | ${gb(fit.at(1e6))} | ${gb(fit.at(1e7))} | ${gb(fit.at(1e8))} |`);
}

if (results.postgres.length >= 2) {
	const size = slope(results.postgres, 'decisions', 'bytes');
	const index = slope(results.postgres, 'decisions', 'indexBytes');
	const open = slope(results.postgres, 'decisions', 'openMs');
	lines.push(`| PostgreSQL tables + indexes | ${size.perUnit.toFixed(0)} B/decision | ${gb(size.at(1e6))} | ${gb(size.at(1e7))} | ${gb(size.at(1e8))} |`);
	lines.push(`| of which indexes | ${index.perUnit.toFixed(0)} B/decision | ${gb(index.at(1e6))} | ${gb(index.at(1e7))} | ${gb(index.at(1e8))} |`);
	lines.push(`| PostgreSQL: a session's opening read | ${(open.perUnit * 1000).toFixed(2)} µs/decision | ${(open.at(1e6) / 1000).toFixed(1)} s | ${(open.at(1e7) / 1000).toFixed(0)} s | ${(open.at(1e8) / 1000).toFixed(0)} s |`);
	lines.push(`| PostgreSQL: one decision by key | ${results.postgres.map(point => `${point.lookupMs.toFixed(2)} ms at ${point.decisions.toLocaleString('en')}`).join(', ')} | | | |`);
}

console.log(lines.join('\n'));
mkdirSync(join(root, 'bench', 'results'), {recursive: true});
writeFileSync(join(root, 'bench', 'results', 'beyond.json'), `${JSON.stringify({date: new Date().toISOString(), ...results}, null, 2)}\n`);
