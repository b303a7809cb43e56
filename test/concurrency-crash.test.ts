// Crash test in SQLite's manner (issue 6): a child writer is SIGKILLed at random moments, again and
// again, on one decisions file. After every kill the file must be valid and hold exactly the state
// after some whole flushed batch: everything the child acknowledged ("ok N" printed after flush()
// resolved), never half a batch, never an old state. Leftover temp files and the killed child's lock
// directory must not stop the next writer.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, expect, test} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {crashBatches, prng} from './helpers/sequence.mjs';
import {ensureBuilt, spawnWriter} from './helpers/store-processes.js';
import {letRun} from './helpers/wait-for.js';
import {useTempDir} from './helpers/temp.js';

const dataset = 'samples.jsonl';
const lanes = 5;
const runsPerLane = 11;
// proper-lockfile's smallest stale time, so that a lock left by a killed child costs 2 s, not 5.
const options = {stale: 2000, writeDelay: 5, watchInterval: 0, retryDelay: 20};
const seed = Number(process.env.WINNOW_CRASH_SEED ?? Date.now() % 1_000_000);

let dir: string;
const tempDir = useTempDir('file');
beforeAll(() => {
	ensureBuilt();
	dir = tempDir();
});

type State = Map<string, string>;
const show = (verdict: string | null, note: string) => `${verdict} ${note}`;

function apply(state: State, batch: Array<{sample: string; verdict: string | null; note: string}>) {
	for (const d of batch) state.set(d.sample, show(d.verdict, d.note));
}

function equal(a: State, b: State) {
	if (a.size !== b.size) return false;
	for (const [key, value] of a) if (b.get(key) !== value) return false;
	return true;
}

type Figures = {runs: number; killedWhileHoldingLock: number; acked: number; lost: number; unackedBatchesOnDisk: number; killedBeforeFirstSave: number; waitsAfterLeftLock: number[]; tempFilesLeft: number};

async function lane(index: number, random: () => number): Promise<Figures> {
	const file = join(dir, `lane-${index}.decisions.json`);
	const lock = `${file}.lock`;
	let model: State = new Map();
	let everAcked = false;
	const figures: Figures = {runs: 0, killedWhileHoldingLock: 0, acked: 0, lost: 0, unackedBatchesOnDisk: 0, killedBeforeFirstSave: 0, waitsAfterLeftLock: [], tempFilesLeft: 0};
	for (let k = 0; k < runsPerLane; k++) {
		const run = (index * 1000) + k;
		const lockLeft = existsSync(lock);
		const started = Date.now();
		const writer = spawnWriter(['crash', file, dataset, 'w', String(run), JSON.stringify(options)]);
		if (random() < 0.25) {
			// Any moment: while starting, opening, waiting for a left-over lock, or writing.
			await letRun(random() * 1500);
		} else {
			const first = await Promise.race([writer.waitFor(line => line.startsWith('ok ')), letRun(20_000)]);
			if (first && lockLeft) figures.waitsAfterLeftLock.push(Date.now() - started);
			await letRun(random() * 400);
		}

		writer.child.kill('SIGKILL');
		const exit = await writer.exited;
		expect(exit.signal, `run ${run} ended on its own: ${writer.stderr.join('\n')}`).toBe('SIGKILL');
		figures.runs++;
		if (existsSync(lock)) figures.killedWhileHoldingLock++;
		const acks = writer.lines.filter(line => line.startsWith('ok ')).map(line => Number(line.slice(3)));
		const acked = acks.at(-1) ?? 0;
		if (acked === 0) figures.killedBeforeFirstSave++;
		figures.acked += acked;

		if (!existsSync(file)) {
			// Absent only before anything was ever saved.
			expect(everAcked || acked > 0, `run ${run}: the file vanished`).toBe(false);
			continue;
		}

		const text = readFileSync(file, 'utf8');
		expect(() => JSON.parse(text), `run ${run}: not valid JSON`).not.toThrow();
		const data = parseDecisionsFile(text, file, dataset);
		const disk: State = new Map(data.decisions.map(r => [r.sample, show(r.verdict, r.note)]));

		// The state after everything acknowledged…
		const batches = crashBatches(run);
		const state: State = new Map(model);
		let made = 0;
		let next = 0;
		while (made < acked) {
			apply(state, batches[next]!);
			made += batches[next]!.length;
			next++;
		}

		expect(made, `run ${run}: acknowledgements do not fall on batch ends`).toBe(acked);
		// …or after some further whole batches that were saved but not yet acknowledged when killed.
		let extra = 0;
		for (; extra <= 20 && !equal(state, disk); extra++) apply(state, batches[next++]!);
		if (!equal(state, disk)) {
			const expected = new Map(model);
			next = 0;
			for (made = 0; made < acked; next++) {
				apply(expected, batches[next]!);
				made += batches[next]!.length;
			}

			const lost = [...expected].filter(([key, value]) => disk.get(key) !== value).length;
			figures.lost += lost;
			expect.fail(`run ${run}: the file is not the state after a whole batch at or after ack ${acked} (${lost} acknowledged decisions differ)`);
		}

		figures.unackedBatchesOnDisk += extra;
		model = state;
		everAcked ||= acked > 0 || extra > 0;
	}

	figures.tempFilesLeft = readdirSync(dir).filter(name => name.startsWith(`lane-${index}.decisions.json.`) && name.endsWith('.tmp')).length;
	// A writer after the last kill still gets through, and finds everything.
	const store = await DecisionStore.open(file, dataset, {...options});
	store.set({sample: 'after', reviewer: 'w', verdict: 'accepted'});
	for (;;) {
		try {
			await store.flush();
			break;
		} catch {}
	}

	store.close();
	const final = new Map(parseDecisionsFile(readFileSync(file, 'utf8'), file, dataset).decisions.map(r => [r.sample, show(r.verdict, r.note)]));
	model.set('after', show('accepted', ''));
	expect(equal(final, model)).toBe(true);
	expect(existsSync(lock)).toBe(false);
	return figures;
}

test(`SIGKILL at random moments, ${lanes * runsPerLane} times: the file is always valid and holds every acknowledged decision`, async () => {
	const started = Date.now();
	const all = await Promise.all(Array.from({length: lanes}, async (_, i) => lane(i, prng(seed + i))));
	const sum = (pick: (f: Figures) => number) => all.reduce((total, f) => total + pick(f), 0);
	const waits = all.flatMap(f => f.waitsAfterLeftLock);
	const figures = {
		seed,
		runs: sum(f => f.runs),
		killedWhileHoldingLock: sum(f => f.killedWhileHoldingLock),
		killedBeforeFirstSave: sum(f => f.killedBeforeFirstSave),
		acknowledgedDecisions: sum(f => f.acked),
		lost: sum(f => f.lost),
		savedButUnacknowledgedBatches: sum(f => f.unackedBatchesOnDisk),
		tempFilesLeft: sum(f => f.tempFilesLeft),
		firstSaveAfterLeftLockMs: waits.length > 0 ? {max: Math.max(...waits), mean: Math.round(waits.reduce((a, b) => a + b, 0) / waits.length)} : undefined,
		seconds: (Date.now() - started) / 1000,
	};
	console.log(`[crash] ${JSON.stringify(figures)}`);
	expect(figures.runs).toBeGreaterThanOrEqual(50);
	expect(figures.lost).toBe(0);
	expect(figures.acknowledgedDecisions).toBeGreaterThan(0);
}, 180_000);
