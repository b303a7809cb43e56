import {Dataset} from '../../source/dataset/dataset.js';
import {DecisionStore} from '../../source/store/decision-store.js';
import {ReviewController, type ControllerOptions} from '../../source/review/controller.js';
import {defaultCategories} from '../../source/review/categories.js';
import {writeFile} from './temp.js';

export function chatLines(n: number, text = (i: number) => `question ${i + 1}`): string {
	return Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, model: 'gen-1', messages: [{role: 'user', content: text(i)}, {role: 'assistant', content: `answer ${i + 1}`}]})).join('\n') + '\n';
}

/** A controller over a real dataset file and decisions file in `dir`. */
export async function reviewFixture(dir: string, content: string, options: Partial<ControllerOptions> = {}) {
	const path = writeFile(dir, 'samples.jsonl', content);
	const dataset = await Dataset.open(path);
	await dataset.whenIndexed;
	const db = `${dir}/samples.decisions.json`;
	const store = await DecisionStore.open(db, dataset.name, {watchInterval: 0, writeDelay: 5});
	const controller = new ReviewController(dataset, store, {reviewer: 'tester', categories: defaultCategories, ...options});
	return {path, db, dataset, store, controller};
}
