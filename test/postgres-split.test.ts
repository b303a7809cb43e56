import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';
import {adminQuery, describeWithPostgres, useSchema} from './helpers/postgres.js';
import {ensureBuilt} from './helpers/store-processes.js';
import {useTempDir} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();
const newSchema = useSchema();
const reviewerScript = fileURLToPath(new URL('helpers/pg-reviewer.mjs', import.meta.url));

type Final = {reviewer: string; keys: number; refused: number; mine: string[]};

/** A headless reviewer process (helpers/pg-reviewer.mjs) and what it printed. */
function startReviewer(args: string[]) {
	const child = spawn(process.execPath, [reviewerScript, ...args], {stdio: ['pipe', 'pipe', 'pipe']});
	const state = {ready: false, made: 0, final: undefined as Final | undefined, stderr: ''};
	createInterface({input: child.stdout}).on('line', line => {
		if (line === 'ready') state.ready = true;
		else if (line.startsWith('made ')) state.made = Number(line.slice(5));
		else if (line.startsWith('final ')) state.final = JSON.parse(line.slice(6)) as Final;
	});
	child.stderr.on('data', (chunk: Buffer) => {
		state.stderr += chunk.toString();
	});
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	return {child, state, exited};
}

let currentSchema = '';
const schema = () => currentSchema;

async function runReviewers(count: number, each: number, duringRun?: (made: () => number) => Promise<void>) {
	ensureBuilt();
	const {url, schema} = await newSchema();
	currentSchema = schema;
	const dir = tempDir();
	const path = join(dir, 'data.jsonl');
	writeFileSync(path, Array.from({length: count * each + 500}, (_, i) => JSON.stringify({id: `s${i}`, text: `sample ${i}`})).join('\n') + '\n');
	const reviewers = Array.from({length: count}, (_, i) => startReviewer([url, path, `r${i}`, String(each), String(1000 + i)]));
	try {
		await waitFor(() => reviewers.every(r => r.state.ready || r.child.exitCode !== null), 'every reviewer to be ready', {timeout: 240_000});
		for (const r of reviewers) expect(r.state.ready, r.state.stderr).toBe(true);
		for (const r of reviewers) r.child.stdin.write('go\n');
		await duringRun?.(() => reviewers.reduce((sum, r) => sum + r.state.made, 0));
		await waitFor(() => reviewers.every(r => r.state.final !== undefined || r.child.exitCode !== null), 'every reviewer to finish', {timeout: 240_000});
		for (const r of reviewers) expect(r.state.final, r.state.stderr).toBeDefined();
	} finally {
		for (const r of reviewers) if (r.child.exitCode === null) r.child.kill();
		await Promise.all(reviewers.map(async r => r.exited));
	}

	const current = await adminQuery<{sample: string; reviewer: string}>(`select sample, reviewer from ${schema}.winnow_current where verdict is not null`);
	const refused = await adminQuery<{n: string}>(`select count(*) as n from ${schema}.winnow_decisions where refused_by is not null`);
	return {finals: reviewers.map(r => r.state.final!), current: current.rows, refusedInLog: Number(refused.rows[0].n), schema};
}

function check({finals, current, refusedInLog}: Awaited<ReturnType<typeof runReviewers>>, count: number, each: number) {
	// 0 decided twice: no sample has a verdict from two reviewers.
	const bySample = new Map<string, string[]>();
	for (const row of current) bySample.set(row.sample, [...(bySample.get(row.sample) ?? []), row.reviewer]);
	const twice = [...bySample].filter(([, reviewers]) => reviewers.length > 1);
	expect(twice).toEqual([]);
	// 0 lost: every decision a reviewer holds as committed is in the database, and nothing else is.
	expect(current).toHaveLength(count * each);
	for (const final of finals) {
		expect(final.mine).toHaveLength(each);
		const stored = new Set(current.filter(row => row.reviewer === final.reviewer).map(row => row.sample));
		expect(final.mine.filter(sample => !stored.has(sample))).toEqual([]);
	}

	// Decisions split mode turned down are in the log, as many as the reviewers were told of.
	expect(refusedInLog).toBe(finals.reduce((sum, final) => sum + final.refused, 0));
}

describeWithPostgres('split mode on one database: 8 reviewer processes × 500 decisions, keys in bursts', () => {
	it('loses nothing and decides no sample twice', async () => {
		const result = await runReviewers(8, 500);
		check(result, 8, 500);
	}, 600_000);

	it('loses nothing when the connections are killed (pg_terminate_backend) mid-run', async () => {
		let killed = 0;
		const result = await runReviewers(8, 500, async made => {
			for (const at of [800, 1600, 2400]) {
				await waitFor(() => made() >= at, `${at} keys`, {timeout: 240_000});
				const {rows} = await adminQuery<{n: string}>(
					'select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = $1',
					[`winnow-${schema()}`],
				);
				killed += Number(rows[0].n);
			}
		});
		expect(killed).toBeGreaterThan(0);
		check(result, 8, 500);
	}, 600_000);
});
