// A child writer for the multi-process tests: a real OS process that uses the built DecisionStore
// (dist/store) on a shared decisions file.
//
//   node store-writer.mjs union <file> <dataset> <reviewer> <count> <seed> [options-json]
//     waits for "go" on stdin, then makes <count> decisions (with some undos) as fast as it can,
//     flushes, and prints one line: `final {"reviewer", "own": [...records it made, last per sample], ...}`.
//
//   node store-writer.mjs crash <file> <dataset> <reviewer> <run> [options-json]
//     prints "ready", then makes the decisions of crashBatches(run) batch after batch; after each
//     batch's flush() resolves it prints `ok N` (N decisions made and acknowledged on disk so far).
//     On "stop" (stdin) it finishes, flushes and prints `final N`; it never stops on its own.
//     Option blockOnceMs: after the first save, busy-block the event loop that long, once, at a
//     moment the process holds the lock and is about to append what it has (prints "blocking" and
//     "unblocked").
import {writeSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {DecisionStore} from '../../dist/store/decision-store.js';
import {crashBatches, prng} from './sequence.mjs';

const [mode, file, dataset, reviewer, arg, ...rest] = process.argv.slice(2);

function say(line) {
	process.stdout.write(`${line}\n`);
}

async function flushUntilSaved(store, stats) {
	for (;;) {
		try {
			await store.flush();
			stats.flushes++;
			return;
		} catch (error) {
			stats.failures++;
			process.stderr.write(`flush failed: ${error.message}\n`);
			await new Promise(resolve => setTimeout(resolve, 20));
		}
	}
}

/** Prints the last line and exits once it has left the process. */
function finish(line) {
	process.stdout.write(`${line}\n`, () => process.exit(0));
}

const stdinLines = createInterface({input: process.stdin});
const commands = [];
let wake;
stdinLines.on('line', line => {
	commands.push(line.trim());
	wake?.();
});
// A parent that goes away must not leave the child waiting forever.
stdinLines.on('close', () => {
	commands.push('eof');
	wake?.();
});

function nextCommand() {
	if (commands.length > 0) return Promise.resolve(commands.shift());
	return new Promise(resolve => {
		wake = () => {
			wake = undefined;
			resolve(commands.shift());
		};
	});
}

if (mode === 'union') {
	const count = Number(arg);
	const seed = Number(rest[0]);
	const options = JSON.parse(rest[1] ?? '{}');
	const store = await DecisionStore.open(file, dataset, options);
	say('ready');
	const go = await nextCommand();
	if (go !== 'go') process.exit(2);

	const random = prng(seed);
	const samples = Number(options.samples ?? 100);
	const own = new Map();
	const stats = {flushes: 0, failures: 0, undos: 0, decisions: 0};
	const verdicts = ['accepted', 'rejected', 'flagged'];
	for (let i = 0; i < count; i++) {
		const decided = [...own.keys()].filter(sample => own.get(sample).verdict !== null);
		let record;
		if (decided.length > 0 && random() < 0.15) {
			// Undo: a newer record with verdict null for something this process decided.
			const sample = decided[Math.floor(random() * decided.length)];
			record = store.set({sample, reviewer, verdict: null});
			stats.undos++;
		} else {
			const sample = `s${Math.floor(random() * samples)}`;
			const verdict = verdicts[Math.floor(random() * verdicts.length)];
			record = store.set({sample, reviewer, verdict, categories: verdict === 'flagged' ? ['gender identity'] : [], note: `${reviewer} #${i}`});
		}

		own.set(record.sample, record);
		stats.decisions++;
		if (random() < 0.3) await flushUntilSaved(store, stats);
		else await new Promise(resolve => setImmediate(resolve));
	}

	await flushUntilSaved(store, stats);
	store.close();
	finish(`final ${JSON.stringify({reviewer, own: [...own.values()], ...stats})}`);
} else if (mode === 'crash') {
	const run = Number(arg);
	const options = JSON.parse(rest[0] ?? '{}');
	const store = await DecisionStore.open(file, dataset, options);
	say('ready');
	const stats = {flushes: 0, failures: 0};
	let stop = false;
	const stopped = nextCommand().then(() => {
		stop = true;
	});
	let made = 0;
	let blocking = false;
	if (options.blockOnceMs > 0) {
		// Test hook: once, while this process holds the lock and has caught up with the file, just
		// before it writes, block its event loop (the adapter's private append, reached from JS).
		const adapter = store.db.adapter;
		const append = adapter.append.bind(adapter);
		adapter.append = (...args) => {
			if (blocking) {
				blocking = false;
				writeSync(1, 'blocking\n');
				const until = Date.now() + options.blockOnceMs;
				while (Date.now() < until) {
					// Busy: no timers, no I/O callbacks.
				}

				writeSync(1, 'unblocked\n');
			}

			return append(...args);
		};
	}

	const blockWhileLocked = () => {
		blocking = options.blockOnceMs > 0;
	};

	for (const batch of crashBatches(run)) {
		for (const decision of batch) {
			store.set({sample: decision.sample, reviewer, verdict: decision.verdict, note: decision.note});
			made++;
		}

		await flushUntilSaved(store, stats);
		say(`ok ${made}`);
		if (made === batch.length) blockWhileLocked();
		if (stop) break;
	}

	await stopped;
	await flushUntilSaved(store, stats);
	store.close();
	finish(`final ${made} ${JSON.stringify(stats)}`);
} else {
	process.stderr.write(`unknown mode ${mode}\n`);
	process.exit(2);
}
