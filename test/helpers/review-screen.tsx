import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ControllerOptions} from '../../source/review/controller.js';
import {useTempDir} from './temp.js';
import {chatLines, reviewFixture} from './review-fixture.js';

export const tick = async (ms = 30) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/**
 * The review screen (ink-testing-library) over a real dataset and decisions file, closed after each
 * test. `size` sets the terminal's columns and rows; `type` writes inputs one at a time, letting the
 * screen catch up between them.
 */
export function useReviewScreen() {
	const tempDir = useTempDir();
	const cleanups: Array<() => void> = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) cleanup();
	});

	return async function screen(content = chatLines(6), options: Partial<ControllerOptions> = {}, size?: {columns: number; rows: number}) {
		const fixture = await reviewFixture(tempDir(), content, options);
		const view = render(<App controller={fixture.controller}/>);
		if (size) {
			Object.defineProperty(view.stdout, 'columns', {configurable: true, get: () => size.columns});
			Object.defineProperty(view.stdout, 'rows', {configurable: true, get: () => size.rows});
			view.stdout.emit('resize');
			await tick();
		}

		cleanups.push(() => {
			view.unmount();
			fixture.store.close();
			fixture.dataset.close();
		});
		const type = async (...inputs: string[]) => {
			for (const input of inputs) {
				view.stdin.write(input);
				await tick();
			}
		};

		return {...fixture, view, type, frame: () => view.lastFrame() ?? ''};
	};
}
