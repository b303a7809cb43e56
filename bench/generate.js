// Deterministic benchmark data: chat-format JSON Lines (about 700 bytes a line, the id first, as
// generators write them) and decisions files in winnow's format. Same seed, same bytes, every run.
import {closeSync, openSync, writeSync} from 'node:fs';

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6D_2B_79_F5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

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

function hex(random, digits) {
	let text = '';
	for (let i = 0; i < digits; i++) text += '0123456789abcdef'[Math.floor(random() * 16)];
	return text;
}

/** The id of sample i (0-based) of a dataset made with `seed`: UUID-shaped, like real generators'. */
export function sampleIdAt(seed, i) {
	const random = prng((seed * 1_000_003) ^ (i * 2_654_435_761));
	return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}

function line(seed, i, random) {
	const question = sentence(random, 60 + Math.floor(random() * 120));
	let answer = sentence(random, 250 + Math.floor(random() * 300));
	if (random() < 0.3) answer += `\n\n${sentence(random, 40)} "quoted" step\t2.`;
	const record = {
		id: sampleIdAt(seed, i),
		messages: [
			{role: 'system', content: systems[i % systems.length]},
			{role: 'user', content: question},
			{role: 'assistant', content: answer},
		],
		model: models[i % models.length],
		temperature: Math.round(random() * 10) / 10,
		source: `synth-batch-${String(Math.floor(i / 10_000)).padStart(4, '0')}`,
	};
	return JSON.stringify(record);
}

/** Writes `count` samples to path; returns the file's size in bytes. */
export function writeDataset(path, count, seed = 1) {
	const fd = openSync(path, 'w');
	const random = prng(seed);
	let parts = [];
	let pending = 0;
	let size = 0;
	try {
		for (let i = 0; i < count; i++) {
			const text = line(seed, i, random);
			parts.push(text);
			pending += text.length;
			if (pending > 4_000_000 || i === count - 1) {
				const buffer = Buffer.from(`${parts.join('\n')}\n`);
				writeSync(fd, buffer);
				size += buffer.length;
				parts = [];
				pending = 0;
			}
		}
	} finally {
		closeSync(fd);
	}

	return size;
}

const reviewers = ['alice', 'bob', 'carol'];
const categories = ['age', 'gender identity', 'nationality', 'religion', 'other'];

/**
 * Writes a decisions file. `pick(i)` returns the verdict for sample i, or undefined to leave it
 * undecided. Records are in winnow's own layout (one a line). Returns how many were written.
 */
export function writeDecisions(path, {datasetName, seed = 1, count, pick}) {
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
			const record = {
				sample: sampleIdAt(seed, i),
				reviewer: reviewers[i % reviewers.length],
				verdict,
				categories: flagged ? [categories[Math.floor(random() * categories.length)]] : [],
				note: random() < 0.05 ? 'check the arithmetic in step 2' : '',
				at: new Date(base + (i * 1000)).toISOString(),
			};
			parts.push(JSON.stringify(record));
			written++;
			if (parts.length >= 10_000) flush();
		}

		flush();
		writeSync(fd, '\n]\n}\n');
	} finally {
		closeSync(fd);
	}

	return written;
}
