import React from 'react';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {render} from 'ink-testing-library';
import {Dataset} from '../../source/dataset/dataset.js';
import {DecisionStore} from '../../source/store/decision-store.js';
import {ReviewController, type ControllerOptions} from '../../source/review/controller.js';
import {defaultCategories} from '../../source/review/categories.js';
import {App} from '../../source/ui/App.js';

export const tick = async (ms = 30) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

export type ScreenOptions = Partial<ControllerOptions> & {
	/** The dataset file's name (default samples.jsonl). */
	fileName?: string;
	/** Written as the decisions file before the store opens. */
	decisions?: unknown;
};

/**
 * The real review screen (App + ReviewController) over a dataset file and a decisions file in a
 * fresh temporary folder, rendered with ink-testing-library (100 columns, 24 rows).
 */
export async function openScreen(content: string | Buffer, options: ScreenOptions = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'winnow-trust-'));
	const path = join(dir, options.fileName ?? 'samples.jsonl');
	writeFileSync(path, content);
	const db = join(dir, 'decisions.json');
	if (options.decisions !== undefined) writeFileSync(db, JSON.stringify(options.decisions));
	const dataset = await Dataset.open(path);
	await dataset.whenIndexed;
	const store = await DecisionStore.open(db, dataset.name, {watchInterval: 0, writeDelay: 5});
	const controller = new ReviewController(dataset, store, {reviewer: 'tester', categories: defaultCategories, ...options});
	const view = render(React.createElement(App, {controller}));
	const close = async () => {
		view.unmount();
		view.cleanup();
		await store.flush().catch(() => undefined);
		store.close();
		dataset.close();
		rmSync(dir, {recursive: true, force: true});
	};

	const type = async (...inputs: string[]) => {
		for (const input of inputs) {
			view.stdin.write(input);
			await tick();
		}
	};

	return {dir, path, db, dataset, store, controller, view, type, close, frame: () => view.lastFrame() ?? ''};
}

/** The string-width that Ink itself measures with (its own copy when it has one). */
export async function inkStringWidth(): Promise<(text: string) => number> {
	const inkEntry = createRequire(import.meta.url).resolve('ink');
	let dir = dirname(inkEntry);
	while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
	const own = join(dir, 'node_modules', 'string-width', 'index.js');
	const module = (await import(existsSync(own) ? pathToFileURL(own).href : 'string-width')) as {default: (text: string) => number};
	return module.default;
}
