// A headless reviewer on a PostgreSQL database for the split-mode tests: a real OS process using the
// built store, presence and leases (dist/store/open-store.js) as the review screen does.
//
//   node pg-reviewer.mjs <url> <dataset.jsonl> <reviewer> <target> <seed>
//     prints "ready", waits for "go" on stdin, then goes through the dataset as `a`/`r` pressed in
//     bursts of 1–10 keys arriving at once, 0.1–0.3 s apart: each key decides the sample open and moves on to the next
//     one that is undecided and not open elsewhere (claiming it), as the screen's advance does. It
//     goes on until <target> of its decisions are committed, printing "made N" after each burst, then
//     prints `final {"reviewer", "keys", "refused", "mine": [samples it decided]}`.
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {createInterface} from 'node:readline';
import {dbSpecOf, openDecisionStore} from '../../dist/store/open-store.js';
import {prng} from './sequence.mjs';

const [url, path, reviewer, targetText, seedText] = process.argv.slice(2);
const target = Number(targetText);
const random = prng(Number(seedText));
const say = line => process.stdout.write(`${line}\n`);

const ids = readFileSync(path, 'utf8').trim().split('\n').map(line => JSON.parse(line).id);
const index = new Map(ids.map((id, i) => [id, i]));
let opened;
// As the review screen does (commands/review.tsx): the next undecided samples, some leased ahead.
const upcoming = (sample, skip, count) => {
	const next = [];
	for (let i = index.get(sample) + 1; i < ids.length && next.length < count; i++) {
		if (!skip(ids[i]) && !opened.store.forSample(ids[i]).some(record => record.verdict !== null)) next.push(ids[i]);
	}

	return next;
};

opened = await openDecisionStore(dbSpecOf(url), {path, name: basename(path)}, {reviewer, live: true, mode: 'split', upcoming});
const {store, live} = opened;
live.start();
store.startWatching();

const lines = createInterface({input: process.stdin});
const go = new Promise(resolve => {
	lines.on('line', line => {
		if (line.trim() === 'go') resolve();
	});
});
say('ready');
await go;

const decided = id => store.forSample(id).some(record => record.verdict !== null);
function nextAvailable(from) {
	for (let step = 1; step <= ids.length; step++) {
		const i = (from + step + ids.length) % ids.length;
		if (!decided(ids[i]) && !live.isTakenByOther(ids[i]) && live.claim(ids[i])) return i;
	}

	return undefined;
}

const mine = () => {
	let n = 0;
	for (const record of store.all()) if (record.reviewer === reviewer && record.verdict !== null) n++;
	return n;
};

async function flushUntilSaved() {
	for (;;) {
		try {
			await store.flush();
			return;
		} catch {
			// The database is away: the store keeps the decisions and its reconnection is under way.
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}
}

let cursor = nextAvailable(-1);
let keys = 0;
for (;;) {
	if (mine() >= target) {
		// Everything decided here is written (or turned down, which takes it back): check again.
		await flushUntilSaved();
		if (mine() >= target) break;
	}

	const burst = 1 + Math.floor(random() * 10);
	for (let k = 0; k < burst && mine() < target; k++) {
		if (cursor === undefined) cursor = nextAvailable(-1);
		if (cursor === undefined) break;
		store.set({sample: ids[cursor], reviewer, verdict: random() < 0.7 ? 'accepted' : 'rejected'});
		keys++;
		cursor = nextAvailable(cursor);
	}

	say(`made ${keys}`);
	// The reviewer reads the next sample for a moment (0.1–0.3 s) before the next burst of keys.
	await new Promise(resolve => setTimeout(resolve, 100 + (random() * 200)));
}

await flushUntilSaved();
const list = [];
for (const record of store.all()) if (record.reviewer === reviewer && record.verdict !== null) list.push(record.sample);
live.stop();
store.close();
process.stdout.write(`final ${JSON.stringify({reviewer, keys, refused: store.adapter.backend.refused, mine: list})}\n`, () => {
	setTimeout(() => process.exit(0), 200).unref();
});
