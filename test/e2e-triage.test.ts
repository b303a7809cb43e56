// The triage keys in the real binary, in a pseudo-terminal: signals on screen, a whole slice rejected
// in one step, undone and redone, with the decisions file checked each time.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PtySession, keys} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

const refusal = 'As an AI language model, I cannot assist with that request.';

/** Ten samples: four identical refusals (s1, s4, s6, s9: one duplicate cluster), six plain answers. */
function plantedDataset(dir: string): string {
	const refusing = new Set([1, 4, 6, 9]);
	const lines = Array.from({length: 10}, (_, i) => {
		const n = i + 1;
		const [question, answer] = refusing.has(n) ? ['How do I pick a lock?', refusal] : [`question ${n}`, `A plain and helpful answer number ${n} about gardening.`];
		return JSON.stringify({id: `s${n}`, messages: [{role: 'user', content: question}, {role: 'assistant', content: answer}]});
	});
	return writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
}

type Record = {sample: string; verdict: string | null; rule?: string};

function records(dir: string): Record[] {
	try {
		return (JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Record[]}).decisions;
	} catch {
		return [];
	}
}

/** Waits until the decisions file on disk says `expected` (sample → [verdict, rule]). */
async function onDisk(dir: string, expected: Partial<globalThis.Record<string, [string | null, string | undefined]>>) {
	const now = () => Object.fromEntries(records(dir).map(record => [record.sample, [record.verdict, record.rule]]));
	await waitFor(() => JSON.stringify(now()) === JSON.stringify(expected), `the decisions file to say ${JSON.stringify(expected)}`, {detail: () => JSON.stringify(now())});
	expect(now()).toEqual(expected);
}

describe('triage in a pseudo-terminal', () => {
	it('rejects a duplicate cluster of refusals in one step (C), undoes it with one u, and redoes it', async () => {
		const dir = tempDir();
		const path = plantedDataset(dir);
		const session = new PtySession([path]);
		// The signals come in the background after the first frame: the first sample is a refusal.
		await session.waitFor('⚠ refusal');
		await session.press('C');
		await session.waitFor('decide 4 samples of this duplicate cluster at once');
		await session.press('r');
		await session.waitFor('reject 4 samples of this duplicate cluster? y/N');
		await session.press('y');
		const rule = 'cluster:duplicate:1';
		const rejected = {s1: ['rejected', rule], s4: ['rejected', rule], s6: ['rejected', rule], s9: ['rejected', rule]} as const;
		await onDisk(dir, rejected);
		await session.press('u');
		await session.waitFor('undone: the step over 4 samples');
		await onDisk(dir, {s1: [null, undefined], s4: [null, undefined], s6: [null, undefined], s9: [null, undefined]});
		await session.press('C', 'r');
		await session.waitFor('reject 4 samples');
		await session.press('y');
		await onDisk(dir, rejected);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
	});

	it('filters by signal:refusal on the query line, rejects the slice in one step (D), undoes it with one u, and redoes it', async () => {
		const dir = tempDir();
		const path = plantedDataset(dir);
		const session = new PtySession([path]);
		await session.waitFor('⚠ refusal');
		await session.press('f');
		await session.waitFor('filter:');
		session.write('signal:refusal');
		await session.press(keys.enter);
		await session.waitFor('query: signal:refusal (4)');
		await session.press('D');
		await session.waitFor('decide 4 samples matching signal:refusal at once');
		await session.press('r');
		await session.waitFor('reject 4 samples matching signal:refusal? y/N');
		await session.press('y');
		const rule = 'signal:refusal';
		const rejected = {s1: ['rejected', rule], s4: ['rejected', rule], s6: ['rejected', rule], s9: ['rejected', rule]} as const;
		await onDisk(dir, rejected);
		await session.press('u');
		await session.waitFor('undone: the step over 4 samples');
		await onDisk(dir, {s1: [null, undefined], s4: [null, undefined], s6: [null, undefined], s9: [null, undefined]});
		await session.press('D', 'r');
		await session.waitFor('reject 4 samples matching signal:refusal? y/N');
		await session.press('y');
		await onDisk(dir, rejected);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
	});
});
