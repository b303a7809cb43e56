// Real OS processes sharing one decisions file: the union test of issue 4, stale-lock recovery after
// a SIGKILLed lock holder, and a lock holder stalled (SIGSTOP, or a busy event loop) past the stale time.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {DecisionsFileError} from '../source/store/errors.js';
import {defaultLockStale} from '../source/store/locked-merge-adapter.js';
import {newer} from '../source/store/merge.js';
import {recordKey, type DecisionRecord} from '../source/store/schema.js';
import {crashBatches} from './helpers/sequence.mjs';
import {ensureBuilt, spawnWriter, type Writer} from './helpers/store-processes.js';
import {letRun} from './helpers/wait-for.js';
import {useTempDir} from './helpers/temp.js';

const dataset = 'samples.jsonl';
let dir: string;

const tempDir = useTempDir('file');
beforeAll(() => {
	ensureBuilt();
	dir = tempDir();
});

/**
 * The file as it stood between two writes (winnow appends in place: a read that overlapped an
 * append, seen as the file's stat changing while it was read, is read again, as winnow's readers do).
 */
function readStable(file: string): string {
	for (;;) {
		const before = statSync(file);
		const text = readFileSync(file, 'utf8');
		const after = statSync(file);
		if (before.size === after.size && before.mtimeMs === after.mtimeMs && before.ino === after.ino) return text;
	}
}

function readDisk(file: string): Map<string, DecisionRecord> {
	// An append in place is not atomic for a reader without the lock: within one tick of the file's
	// mtime a read may still catch its first half (winnow's own readers then read again under the lock).
	for (let attempt = 1; ; attempt++) {
		try {
			const data = parseDecisionsFile(readStable(file), file, dataset);
			return new Map(data.decisions.map(r => [recordKey(r.sample, r.reviewer), r]));
		} catch (error) {
			if (!(error instanceof DecisionsFileError) || attempt >= 50) throw error;
		}
	}
}

type Final = {reviewer: string; own: DecisionRecord[]; flushes: number; failures: number; undos: number; decisions: number};

async function runUnion(name: string, reviewers: string[], perProcess: number) {
	const file = join(dir, `${name}.decisions.json`);
	const writers = reviewers.map((reviewer, i) => spawnWriter(['union', file, dataset, reviewer, String(perProcess), String(1000 + i), JSON.stringify({writeDelay: 2, retryDelay: 20, watchInterval: 0, samples: 100})]));
	for (const writer of writers) expect(await writer.waitFor(line => line === 'ready'), writer.stderr.join('\n')).toBe('ready');
	const started = Date.now();
	for (const writer of writers) writer.send('go');
	// While they write, watch the file: a record once on disk may be replaced by a newer one, never
	// go missing or go back to an older one (that would be a write lost to a race, if only for a while).
	let running = true;
	const snapshots = {count: 0, regressions: 0};
	const watching = (async () => {
		const seen = new Map<string, string>();
		while (running) {
			if (existsSync(file)) {
				const now = readDisk(file);
				snapshots.count++;
				for (const [key, at] of seen) {
					const current = now.get(key);
					if (!current || current.at < at) snapshots.regressions++;
				}

				for (const [key, record] of now) seen.set(key, record.at);
			}

			await letRun(2);
		}
	})();
	const exits = await Promise.all(writers.map(async w => w.exited));
	running = false;
	await watching;
	const seconds = (Date.now() - started) / 1000;
	for (const [i, exit] of exits.entries()) expect(exit, writers[i]!.stderr.join('\n')).toEqual({code: 0, signal: null});
	const finals = writers.map(w => JSON.parse(w.lines.find(line => line.startsWith('final '))!.slice(6)) as Final);

	// What the file must hold: for every sample and reviewer, the newest of the records any process made.
	const expected = new Map<string, DecisionRecord>();
	for (const final of finals) {
		for (const record of final.own) {
			const key = recordKey(record.sample, record.reviewer);
			const current = expected.get(key);
			expected.set(key, current ? newer(current, record) : record);
		}
	}

	const disk = readDisk(file);
	let lost = 0;
	for (const [key, record] of expected) {
		if (JSON.stringify(disk.get(key)) !== JSON.stringify(record)) lost++;
	}

	const extra = [...disk.keys()].filter(key => !expected.has(key)).length;
	const figures = {
		processes: writers.length,
		decisions: finals.reduce((sum, f) => sum + f.decisions, 0),
		undos: finals.reduce((sum, f) => sum + f.undos, 0),
		explicitFlushes: finals.reduce((sum, f) => sum + f.flushes, 0),
		failedWrites: finals.reduce((sum, f) => sum + f.failures, 0),
		records: expected.size,
		undoneOnDisk: [...disk.values()].filter(r => r.verdict === null).length,
		lost,
		extra,
		snapshotsChecked: snapshots.count,
		regressions: snapshots.regressions,
		seconds,
	};
	console.log(`[concurrency] ${name}: ${JSON.stringify(figures)}`);
	expect(lost).toBe(0);
	expect(extra).toBe(0);
	expect(snapshots.regressions).toBe(0);
	expect(figures.undoneOnDisk).toBeGreaterThan(0);
	expect(readdirSync(dir).filter(f => f.startsWith(`${name}.decisions.json.`))).toEqual([]);
	return figures;
}

describe('several processes writing one decisions file at once', () => {
	test('3 processes, 300 decisions each with undos, one reviewer each: the file holds exactly the union', async () => {
		const figures = await runUnion('three-reviewers', ['ann', 'bob', 'cy'], 300);
		expect(figures.decisions).toBe(900);
	}, 120_000);

	test('3 processes as the same reviewer (one person, three terminals): the newest change per sample wins', async () => {
		await runUnion('same-reviewer', ['ann', 'ann', 'ann'], 300);
	}, 120_000);
});

describe('lock left behind', () => {
	/** Starts a crash-mode writer and SIGKILLs it at a moment it holds the lock. */
	async function killWhileHoldingLock(file: string, run: number, options: Record<string, unknown>): Promise<Writer> {
		const lock = `${file}.lock`;
		for (;;) {
			const writer = spawnWriter(['crash', file, dataset, 'ann', String(run), JSON.stringify(options)]);
			await writer.waitFor(line => line.startsWith('ok '));
			// The writer spends most of its time inside the lock: stop it, and kill it if it holds the lock.
			for (let attempt = 0; attempt < 200; attempt++) {
				writer.child.kill('SIGSTOP');
				await letRun(5);
				if (existsSync(lock)) {
					writer.child.kill('SIGKILL');
					await writer.exited;
					if (existsSync(lock)) return writer;
					break;
				}

				writer.child.kill('SIGCONT');
				await letRun(Math.random() * 5);
			}

			writer.child.kill('SIGKILL');
			await writer.exited;
		}
	}

	test('a SIGKILLed lock holder does not stop the next writer for long (default stale time)', async () => {
		const file = join(dir, 'killed-holder.decisions.json');
		await killWhileHoldingLock(file, 1, {writeDelay: 0, watchInterval: 0});
		const killedAt = Date.now();
		expect(readdirSync(dir)).toContain('killed-holder.decisions.json.lock');
		const store = await DecisionStore.open(file, dataset, {watchInterval: 0, retryDelay: 100});
		store.set({sample: 'after', reviewer: 'bob', verdict: 'accepted'});
		const errors = new Set<string>();
		for (;;) {
			try {
				await store.flush();
				break;
			} catch (error) {
				errors.add((error as Error).message);
			}
		}

		store.close();
		const seconds = (Date.now() - killedAt) / 1000;
		console.log(`[concurrency] killed lock holder: next writer saved after ${seconds.toFixed(1)} s (stale ${defaultLockStale / 1000} s); meanwhile: ${[...errors].join(' | ') || 'no error'}`);
		expect(seconds).toBeLessThan((defaultLockStale / 1000) + 4);
		expect(readDisk(file).get(recordKey('after', 'bob'))?.verdict).toBe('accepted');
		expect(existsSync(`${file}.lock`)).toBe(false);
	}, 60_000);

	/**
	 * A lock holder stalls for longer than the stale time; meanwhile another process takes the lock
	 * over and saves 20 decisions. When the holder wakes up mid-write it must not crash (proper-lockfile
	 * reports the lock compromised from a timer) and must not overwrite the other's decisions.
	 */
	async function stalledHolder(file: string, run: number, stall: 'SIGSTOP' | 'busy event loop') {
		const options = {stale: 2000, writeDelay: 0, watchInterval: 0, retryDelay: 20};
		const lock = `${file}.lock`;
		const holder = spawnWriter(['crash', file, dataset, 'ann', String(run), JSON.stringify({...options, blockOnceMs: stall === 'SIGSTOP' ? 0 : 3500})]);
		await holder.waitFor(line => line.startsWith('ok '));
		if (stall === 'SIGSTOP') {
			// Stop it while it holds the lock.
			for (;;) {
				holder.child.kill('SIGSTOP');
				await letRun(5);
				if (existsSync(lock)) break;
				holder.child.kill('SIGCONT');
				await letRun(Math.random() * 5);
			}
		} else {
			await holder.waitFor(line => line === 'blocking');
		}

		// Another process writes meanwhile: it waits out the stale time, then takes the lock over.
		const other = await DecisionStore.open(file, dataset, {...options});
		const started = Date.now();
		for (let i = 0; i < 20; i++) other.set({sample: `b${i}`, reviewer: 'bob', verdict: 'rejected'});
		for (;;) {
			try {
				await other.flush();
				break;
			} catch {}
		}

		const tookOver = (Date.now() - started) / 1000;
		other.close();
		// Woken, the holder goes on: its stalled write is refused or retried, and it saves at least one
		// more batch (an "ok" line it had not printed before) before it is told to stop.
		const okBefore = holder.lines.filter(line => line.startsWith('ok ')).length;
		if (stall === 'SIGSTOP') holder.child.kill('SIGCONT');
		else await holder.waitFor(line => line === 'unblocked');
		await holder.waitFor(() => holder.lines.filter(line => line.startsWith('ok ')).length > okBefore);
		holder.send('stop');
		const exit = await holder.exited;
		const final = holder.lines.find(line => line.startsWith('final '));
		console.log(`[concurrency] lock holder stalled (${stall}): other writer took the lock over after ${tookOver.toFixed(1)} s; holder ${JSON.stringify(exit)}; ${final}; ${holder.stderr.filter(line => line.includes('stalled')).length} write(s) abandoned as stale; ${holder.stderr.slice(0, 3).join(" | ")}`);
		expect(exit, holder.stderr.join('\n')).toEqual({code: 0, signal: null});
		const made = Number(final!.split(' ')[1]);
		const disk = readDisk(file);
		// The other writer's acknowledged decisions are all there…
		expect([...disk.values()].filter(r => r.reviewer === 'bob').length).toBe(20);
		// …and so is everything the stalled holder made.
		const state = new Map<string, string | null>();
		let count = 0;
		for (const batch of crashBatches(run)) {
			if (count >= made) break;
			for (const decision of batch) {
				state.set(decision.sample, decision.verdict);
				count++;
			}
		}

		expect(new Map([...disk.values()].filter(r => r.reviewer === 'ann').map(r => [r.sample, r.verdict]))).toEqual(state);
	}

	test('a lock holder stopped (SIGSTOP) for longer than the stale time neither crashes nor loses anyone\'s decisions', async () => {
		for (let round = 0; round < 2; round++) await stalledHolder(join(dir, `stopped-holder-${round}.decisions.json`), 500 + round, 'SIGSTOP');
	}, 120_000);

	test('a lock holder whose event loop is blocked longer than the stale time neither crashes nor loses anyone\'s decisions', async () => {
		for (let round = 0; round < 1; round++) await stalledHolder(join(dir, `blocked-holder-${round}.decisions.json`), 600 + round, 'busy event loop');
	}, 120_000);
});
