// The review screen resumes with the query the reviewer filtered by when they left (as it does
// with the sample and the status filter): it is kept with their position and put back on.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {DecisionStore} from '../source/store/decision-store.js';
import {ReviewerPosition} from '../source/store/reviewer-position.js';
import {ReviewController} from '../source/review/controller.js';
import {defaultCategories} from '../source/review/categories.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();
const opened: Array<() => void> = [];

afterEach(() => {
	for (const close of opened.splice(0)) close();
});

function dataset(dir: string): string {
	const path = join(dir, 'samples.jsonl');
	const lines = Array.from({length: 8}, (_, i) => JSON.stringify({id: `s${i}`, prompt: `question ${i}`, completion: `answer ${i}`, model: i % 2 === 0 ? 'gpt-4o' : 'llama-3'}));
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

function filter(controller: ReviewController, text: string) {
	controller.dispatch({type: 'open', mode: 'query'});
	controller.dispatch({type: 'edit', text});
	controller.dispatch({type: 'submit'});
}

async function open(path: string) {
	const data = await Dataset.open(path);
	await data.whenIndexed;
	const db = `${path.replace(/\.jsonl$/, '')}.decisions.json`;
	const store = await DecisionStore.open(db, data.name, {watchInterval: 0, writeDelay: 5});
	const position = new ReviewerPosition(db, 'tester');
	const controller = new ReviewController(data, store, {reviewer: 'tester', categories: defaultCategories, mode: 'overlap', position});
	opened.push(() => {
		controller.close();
		store.close();
		data.close();
	});
	return {controller, position};
}

test('the query filtered by is kept with the position and put back on at the next start', async () => {
	const path = dataset(tempDir());
	const first = await open(path);
	first.controller.startSignals();
	filter(first.controller, 'model:llama-3');
	expect(first.controller.query?.text).toBe('model:llama-3');
	first.controller.dispatch({type: 'move', direction: 1});
	first.controller.close();
	expect(first.position.read()).toEqual({sample: 's3', filter: 'undecided', query: 'model:llama-3'});

	const second = await open(path);
	// Before the screen's first frame nothing is filtered yet; then the query goes back on, at the sample left.
	second.controller.startSignals();
	expect(second.controller.query?.text).toBe('model:llama-3');
	expect(second.controller.state.cursor).toBe(3);
	expect(second.controller.state.message).toBe('resumed with the query you left with: model:llama-3');
	// Cleared by the reviewer: not put back next time.
	filter(second.controller, '');
	second.controller.close();
	expect(second.position.read()).toEqual({sample: 's3', filter: 'undecided'});
});
