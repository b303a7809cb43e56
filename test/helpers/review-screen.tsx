import React from 'react';
import {createRequire} from 'node:module';
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import {App} from '../../source/ui/App.js';
import {useTempDir} from './temp.js';
import {chatLines, reviewFixture, type FixtureOptions} from './review-fixture.js';
import {eventLoopTurn, waitFor} from './wait-for.js';

/**
 * The review screen (App over a ReviewController, rendered by ink-testing-library) over a real
 * dataset and decisions file in a fresh temporary folder, closed after each test (or by `close`).
 * `size` sets the terminal's columns and rows (default 100×24). `type` writes inputs one at a time;
 * Ink handles a key and redraws before `write` returns, so after each input it lets one event-loop
 * turn pass (a lone Escape is held until then). What the controller does in the background (a
 * search, an ordering, a write) a test awaits with `until`.
 */
export function useReviewScreen() {
	const tempDir = useTempDir();
	const closes: Array<() => Promise<void>> = [];
	afterEach(async () => {
		for (const close of closes.splice(0)) await close();
	});

	return async function screen(content: string | Buffer = chatLines(6), options: FixtureOptions = {}, size?: {columns: number; rows: number}) {
		const fixture = await reviewFixture(tempDir(), content, options);
		// The size is set before the screen's first frame: a resize afterwards is drawn by Ink at once but
		// reaches the screen's layout only when React next runs its scheduled work.
		const view = render(<></>);
		if (size) {
			Object.defineProperty(view.stdout, 'columns', {configurable: true, get: () => size.columns});
			Object.defineProperty(view.stdout, 'rows', {configurable: true, get: () => size.rows});
		}

		view.rerender(<App controller={fixture.controller}/>);
		const frame = () => view.lastFrame() ?? '';
		let closed = false;
		const close = async () => {
			if (closed) return;
			closed = true;
			view.unmount();
			view.cleanup();
			await fixture.store.flush().catch(() => undefined);
			fixture.store.close();
			fixture.dataset.close();
		};

		closes.push(close);
		const type = async (...inputs: string[]) => {
			for (const input of inputs) {
				view.stdin.write(input);
				await eventLoopTurn();
			}
		};

		/** Waits until `predicate` holds (e.g. the frame shows a search's result), failing with the frame. */
		const until = async <T,>(predicate: () => T, what: string) => waitFor(predicate, what, {detail: () => `frame:\n${frame()}`});

		return {...fixture, view, type, until, close, frame};
	};
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
