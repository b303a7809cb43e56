// A dataset edited between two review sessions (lines added, removed, reordered, line endings
// changed): decisions stay on their samples, whether identified by an id field or by a hash of the
// line, and decisions for samples no longer in the file are kept in the decisions file.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {DecisionStore} from '../source/store/decision-store.js';
import {ReviewController} from '../source/review/controller.js';
import {defaultCategories} from '../source/review/categories.js';
import type {Verdict} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

async function session(path: string, db: string) {
	const dataset = await Dataset.open(path);
	await dataset.whenIndexed;
	const store = await DecisionStore.open(db, dataset.name, {watchInterval: 0, writeDelay: 5});
	const controller = new ReviewController(dataset, store, {reviewer: 'tester', categories: defaultCategories});
	return {
		dataset, store, controller,
		/** Goes to the sample whose text is `text` and decides it. */
		decide(text: string, verdict: Verdict) {
			const index = findText(dataset, text);
			controller.dispatch({type: 'goto', number: index + 1});
			controller.dispatch(verdict === 'flagged' ? {type: 'decide', verdict, categories: ['age']} : {type: 'decide', verdict});
		},
		statusOf(text: string) {
			return controller.statusAt(findText(dataset, text)).status;
		},
		async close() {
			await store.flush();
			controller.close?.();
			store.close();
			dataset.close();
		},
	};
}

function findText(dataset: Dataset, text: string): number {
	for (let i = 0; i < dataset.count; i++) {
		const value = dataset.sample(i).value as {text?: string};
		if (value?.text === text) return i;
	}

	throw new Error(`no sample with text ${text}`);
}

/** Six samples with an id field, six without (identified by a hash of their bytes). */
const line = (text: string, id?: string) => JSON.stringify(id ? {id, text} : {text, model: 'gen-1'});

describe('a dataset edited since the last session', () => {
	it('decisions stay on their samples when lines are added, removed and reordered', async () => {
		const dir = tempDir();
		const path = join(dir, 'samples.jsonl');
		const db = join(dir, 'samples.decisions.json');
		const texts = Array.from({length: 12}, (_, i) => `text ${i + 1}`);
		const lines = texts.map((text, i) => line(text, i < 6 ? `s${i + 1}` : undefined));
		writeFileSync(path, lines.join('\n') + '\n');

		const decided: Record<string, Verdict> = {'text 1': 'accepted', 'text 2': 'rejected', 'text 4': 'flagged', 'text 7': 'flagged', 'text 8': 'accepted', 'text 10': 'rejected'};
		const first = await session(path, db);
		for (const [text, verdict] of Object.entries(decided)) first.decide(text, verdict);
		await first.close();

		// Edit: two new samples at the top, "text 2" (id) and "text 8" (hash) removed, the rest
		// reversed, CRLF line endings, and no newline at the end.
		const removed = new Set(['text 2', 'text 8']);
		const kept = lines.filter((_, i) => !removed.has(texts[i])).reverse();
		writeFileSync(path, [line('new A'), line('new B', 'n2'), ...kept].join('\r\n'));

		const second = await session(path, db);
		for (const text of texts.filter(text => !removed.has(text))) {
			expect(second.statusOf(text), text).toBe(decided[text] ?? 'undecided');
		}

		expect(second.statusOf('new A')).toBe('undecided');
		expect(second.controller.counts).toMatchObject({total: 12, decided: 4, accepted: 1, rejected: 1, flagged: 2});
		// Resumes at the first undecided sample of the new order.
		expect(second.controller.currentSample().sample.index).toBe(0);
		second.decide('new B', 'accepted');
		await second.close();

		const file = JSON.parse(readFileSync(db, 'utf8')) as {decisions: Array<{sample: string; verdict: string}>};
		// The decisions of removed samples are still there (stats reports them); nothing was dropped.
		expect(file.decisions.find(record => record.sample === 's2')?.verdict).toBe('rejected');
		expect(file.decisions.filter(record => record.sample.startsWith('sha1:') && record.verdict === 'accepted')).toHaveLength(1);
		expect(file.decisions).toHaveLength(Object.keys(decided).length + 1);
	});

	it('any edit (insert, delete, shuffle, duplicate a line, switch line endings) keeps every decision on its content', async () => {
		const dir = tempDir();
		const path = join(dir, 'samples.jsonl');
		const db = join(dir, 'samples.decisions.json');
		let round = 0;
		await fc.assert(fc.asyncProperty(
			fc.uniqueArray(fc.string({minLength: 1, maxLength: 12}), {minLength: 2, maxLength: 12}),
			fc.array(fc.constantFrom<Verdict | undefined>('accepted', 'rejected', 'flagged', undefined), {minLength: 12, maxLength: 12}),
			fc.array(fc.string({minLength: 1, maxLength: 12}), {maxLength: 3}),
			fc.array(fc.nat(), {minLength: 12, maxLength: 12}),
			fc.boolean(),
			async (texts, verdicts, added, order, crlf) => {
				round++;
				const withIds = (i: number) => (i % 2 === 0 ? `id-${round}-${i}` : undefined);
				const lines = texts.map((text, i) => line(text, withIds(i)));
				writeFileSync(path, lines.join('\n') + '\n');
				writeFileSync(db, JSON.stringify({schema: 1, dataset: 'samples.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions: []}));
				const first = await session(path, db);
				const expected = new Map<string, Verdict | 'undecided'>();
				for (const [i, text] of texts.entries()) {
					const verdict = verdicts[i];
					if (verdict) first.decide(text, verdict);
					expected.set(text, verdict ?? 'undecided');
				}

				await first.close();
				// Keep a random subset in a random order, add new lines, maybe repeat one exact line.
				const keptLines = lines.map((text, i) => ({text, key: order[i]})).filter(({key}, i) => key % 4 !== 0 || i === 0).sort((a, b) => a.key - b.key).map(({text}) => text);
				const newTexts = added.filter(text => !texts.includes(text));
				const edited = [...newTexts.map(text => line(`${text}`)), ...keptLines];
				if (keptLines.length > 0 && order[0] % 3 === 0) edited.push(keptLines[0]);
				writeFileSync(path, edited.join(crlf ? '\r\n' : '\n') + (order[1] % 2 === 0 ? '' : crlf ? '\r\n' : '\n'));

				const second = await session(path, db);
				try {
					for (let i = 0; i < second.dataset.count; i++) {
						const {text} = second.dataset.sample(i).value as {text: string};
						expect(second.controller.statusAt(i).status, `${text} at ${i}`).toBe(expected.get(text) ?? 'undecided');
					}
				} finally {
					await second.close();
				}

				const file = JSON.parse(readFileSync(db, 'utf8')) as {decisions: unknown[]};
				expect(file.decisions).toHaveLength(verdicts.slice(0, texts.length).filter(Boolean).length);
			},
		), {numRuns: 40});
	}, 120_000);
});
