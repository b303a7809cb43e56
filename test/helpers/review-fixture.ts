import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Dataset} from '../../source/dataset/dataset.js';
import {DecisionStore} from '../../source/store/decision-store.js';
import {ReviewController, type ControllerOptions} from '../../source/review/controller.js';
import {defaultCategories} from '../../source/review/categories.js';
import {writeFile} from './temp.js';

export function chatLines(n: number, text = (i: number) => `question ${i + 1}`): string {
	return Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, model: 'gen-1', messages: [{role: 'user', content: text(i)}, {role: 'assistant', content: `answer ${i + 1}`}]})).join('\n') + '\n';
}

export type FixtureOptions = Partial<ControllerOptions> & {
	/** The dataset file's name (default samples.jsonl). */
	fileName?: string;
	/** Written as the decisions file before the store opens. */
	decisions?: unknown;
};

/** A controller over a real dataset file and decisions file (samples.decisions.json) in `dir`. */
export async function reviewFixture(dir: string, content: string | Buffer, {fileName = 'samples.jsonl', decisions, ...options}: FixtureOptions = {}) {
	const path = writeFile(dir, fileName, content);
	const db = join(dir, 'samples.decisions.json');
	if (decisions !== undefined) writeFileSync(db, JSON.stringify(decisions));
	const dataset = await Dataset.open(path);
	await dataset.whenIndexed;
	const store = await DecisionStore.open(db, dataset.name, {watchInterval: 0, writeDelay: 5});
	const controller = new ReviewController(dataset, store, {reviewer: 'tester', categories: defaultCategories, ...options});
	return {dir, path, db, dataset, store, controller};
}
