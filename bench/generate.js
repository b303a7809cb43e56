// Deterministic benchmark data: chat-format JSON Lines (about 700 bytes a line, the id first, as
// generators write them; or without an id field, identified by a hash of each line) and decisions
// files in winnow's format. Same seed, same bytes, every run.
import {createHash} from 'node:crypto';
import {closeSync, openSync, writeSync} from 'node:fs';
import {prng} from './prng.js';

export {prng} from './prng.js';

const words = (
	'the a an of to in and or for with on at by from as is are was were be been being it this that these those '
	+ 'model data sample answer question reason step first second then because however therefore example result '
	+ 'value number list table function python code error test case user assistant system prompt response output '
	+ 'input train review bias fair people group city country language history science math physics energy water '
	+ 'time year day week simple complex short long small large good better best clear explain describe compare '
	+ 'consider assume suppose compute estimate measure improve reduce increase check verify note important café '
	+ 'naïve résumé über jalapeño'
).split(' ');

const systems = [
	'You are a helpful assistant.',
	'You are a careful tutor who explains each step.',
	'You are a concise coding assistant. Answer with code when useful.',
	'Answer truthfully and say when you are unsure.',
];
const models = ['gen-7b-v2', 'gen-13b-v1', 'gen-70b-instruct', 'distill-3b'];

function sentence(random, length) {
	let text = '';
	while (text.length < length) {
		const word = words[Math.floor(random() * words.length)];
		text += text ? ` ${word}` : word[0].toUpperCase() + word.slice(1);
		if (random() < 0.06) text += random() < 0.5 ? '.' : ',';
	}

	return `${text}.`;
}

/** The id of sample i (0-based) of a dataset made with `seed`: UUID-shaped, like real generators'. */
export function sampleIdAt(seed, i) {
	const random = prng((seed * 1_000_003) ^ Math.imul(i, 2_654_435_761));
	const a = hex32(random());
	const b = hex32(random());
	const c = hex32(random());
	const d = hex32(random());
	return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function hex32(fraction) {
	return Math.floor(fraction * 4_294_967_296).toString(16).padStart(8, '0');
}

/** Sentences made once per seed, as bytes; lines are assembled from them, so a million take seconds. */
function pool(seed) {
	const random = prng(seed + 7);
	const encode = text => Buffer.from(JSON.stringify(text));
	const questions = Array.from({length: 2048}, () => encode(sentence(random, 50 + Math.floor(random() * 100))));
	const answers = Array.from({length: 4096}, () => {
		let answer = sentence(random, 180 + Math.floor(random() * 240));
		if (random() < 0.3) answer += `\n\n${sentence(random, 40)} "quoted" step\t2.`;
		return encode(answer);
	});
	const text = value => Buffer.from(value);
	return {
		questions,
		answers,
		systems: systems.map(system => text(`","messages":[{"role":"system","content":${JSON.stringify(system)}},{"role":"user","content":`)),
		middle: text('},{"role":"assistant","content":'),
		models: models.map(model => text(`}],"model":"${model}","temperature":`)),
		source: text(',"source":"synth-batch-'),
	};
}

/** winnow's id of a line without an id field: `sha1:` and the first 16 hex digits of its bytes' SHA-1. */
export function hashIdOf(bytes) {
	return `sha1:${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}`;
}

/**
 * Writes `count` samples to path (one JSON object a line) and returns the size in bytes. With
 * `withIds` (the default) each line starts with its id field (sampleIdAt); without, a line has no
 * id field (but a unique "source", so no two lines are the same) and `hashIds`, if given, receives
 * each line's hash id in order.
 */
export function writeDataset(path, count, seed = 1, {withIds = true, hashIds} = {}) {
	const fd = openSync(path, 'w');
	const random = prng(seed);
	const parts = pool(seed);
	const out = Buffer.allocUnsafe(4 * 1024 * 1024);
	let at = 0;
	let size = 0;
	const put = bytes => {
		bytes.copy(out, at);
		at += bytes.length;
	};

	try {
		for (let i = 0; i < count; i++) {
			if (at > out.length - 4096) {
				writeSync(fd, out, 0, at);
				size += at;
				at = 0;
			}

			const lineStart = at;
			if (withIds) {
				at += out.write(`{"id":"${sampleIdAt(seed, i)}`, at, 'latin1');
				put(parts.systems[i % parts.systems.length]);
			} else {
				// The same line from `{"messages"` on: the system part starts with the id's closing `",`.
				at += out.write('{', at, 'latin1');
				put(parts.systems[i % parts.systems.length].subarray(2));
			}

			put(parts.questions[Math.floor(random() * parts.questions.length)]);
			put(parts.middle);
			put(parts.answers[Math.floor(random() * parts.answers.length)]);
			put(parts.models[i % parts.models.length]);
			at += out.write(String(Math.round(random() * 10) / 10), at, 'latin1');
			put(parts.source);
			const batch = String(Math.floor(i / 10_000)).padStart(4, '0');
			at += out.write(withIds ? `${batch}"}\n` : `${batch}-${i}"}\n`, at, 'latin1');
			if (!withIds && hashIds) hashIds.push(hashIdOf(out.subarray(lineStart, at - 1)));
		}

		writeSync(fd, out, 0, at);
		size += at;
	} finally {
		closeSync(fd);
	}

	return size;
}

const reviewers = ['alice', 'bob', 'carol'];
const categories = ['age', 'gender identity', 'nationality', 'religion', 'other'];

/**
 * Writes a decisions file. `pick(i)` returns the verdict for sample i, or undefined to leave it
 * undecided; `idAt(i)` is sample i's id (default: sampleIdAt, the ids of a file with an id field).
 * Records are in winnow's own layout (one a line). `perSample` reviewers decide each picked sample
 * (default 1). Returns how many records were written.
 */
export function writeDecisions(path, {datasetName, seed = 1, count, pick, idAt = i => sampleIdAt(seed, i), perSample = 1}) {
	const fd = openSync(path, 'w');
	const random = prng(seed + 99);
	const base = Date.parse('2026-01-05T09:00:00.000Z');
	let written = 0;
	let parts = [];
	const flush = () => {
		if (parts.length === 0) return;
		writeSync(fd, `${written > parts.length ? ',\n' : '\n'}${parts.join(',\n')}`);
		parts = [];
	};

	try {
		writeSync(fd, `{\n"schema": 1,\n"dataset": ${JSON.stringify(datasetName)},\n"createdAt": "2026-01-05T09:00:00.000Z",\n"decisions": [`);
		for (let i = 0; i < count; i++) {
			const verdict = pick(i, random);
			if (!verdict) continue;
			const flagged = verdict === 'flagged';
			for (let j = 0; j < perSample; j++) {
				const record = {
					sample: idAt(i),
					reviewer: reviewers[(i + j) % reviewers.length],
					verdict,
					categories: flagged ? [categories[Math.floor(random() * categories.length)]] : [],
					note: random() < 0.05 ? 'check the arithmetic in step 2' : '',
					at: new Date(base + (i * 1000) + j).toISOString(),
				};
				parts.push(JSON.stringify(record));
				written++;
			}

			if (parts.length >= 10_000) flush();
		}

		flush();
		writeSync(fd, '\n]\n}\n');
	} finally {
		closeSync(fd);
	}

	return written;
}
