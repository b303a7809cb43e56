import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Header} from '../source/ui/Header.js';
import type {CurrentSample} from '../source/review/controller.js';
import {terminalWidth} from '../source/ui/terminal-width.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';

const screen = useReviewScreen();

function current(id: string, index: number, lineNumber: number): CurrentSample {
	return {
		sample: {index, lineNumber, id, text: '{}', value: {}},
		rendered: {format: 'chat', formatLabel: 'chat (messages)', blocks: [], metadata: []},
	} as unknown as CurrentSample;
}

function firstLine(element: React.ReactElement): string {
	const view = render(element);
	const line = (view.lastFrame() ?? '').split('\n')[0];
	view.unmount();
	return line;
}

describe('the header', () => {
	it('at 80 columns keeps the position, format and line: the long file name and the repeated-id warning shorten first', () => {
		const name = `a-very-long-dataset-file-name-from-some-pipeline-run-${'x'.repeat(60)}.jsonl`;
		const line = firstLine(<Header current={current('sample-000123-with-a-long-id', 1233, 1234)} count={40_000} indexed datasetName={name} idField="id" width={80} shared={3}/>);
		expect(terminalWidth(line)).toBeLessThanOrEqual(80);
		expect(line).toContain('1,234/40,000');
		expect(line).toContain('· chat (messages) · line 1,234');
		expect(line).toMatch(/same id on 3 samples|id ×3/);
		expect(line).toContain('sample-000123');

		const narrow = firstLine(<Header current={current('x'.repeat(200), 0, 1)} count={5} indexed datasetName={name} idField="id" width={60} shared={12}/>);
		expect(terminalWidth(narrow)).toBeLessThanOrEqual(60);
		expect(narrow).toContain('1/5');
		expect(narrow).toContain('· chat (messages) · line 1');
		expect(narrow).toContain('×12');
		expect(narrow).not.toContain(name.slice(0, 20));
	});

	it('with no room for the id, leaves out its label too (no "id" standing alone)', () => {
		const line = firstLine(<Header current={current('demo-003', 2, 3)} count={70} indexed datasetName="demo.jsonl" idField="id" width={40}/>);
		expect(terminalWidth(line)).toBeLessThanOrEqual(40);
		expect(line).toContain('3/70');
		expect(line).not.toMatch(/\bid\s+·/);
		expect(line).not.toMatch(/\bid\s*$/);
		const wide = firstLine(<Header current={current('demo-003', 2, 3)} count={70} indexed datasetName="demo.jsonl" idField="id" width={80}/>);
		expect(wide).toContain('id demo-003');
	});

	it('at 40 columns shows the place in full (the word winnow goes first, then the format is cut), and a hidden id leaves no double space', async () => {
		const sharegpt = (label: string, location: string, width: number) => {
			const sample = {...current('sha1:2fd582765cdfc265', 79, 81), rendered: {format: 'sharegpt', formatLabel: label, blocks: [], metadata: []}} as unknown as CurrentSample;
			return firstLine(<Header current={sample} count={87} indexed datasetName="sharegpt.json" idField="id" width={width} location={location}/>);
		};

		expect(sharegpt('ShareGPT', 'element 79 · line 81', 40)).toBe('80/87 · ShareGPT · element 79 · line 81');
		expect(sharegpt('ShareGPT', 'element 79 · line 81', 50)).toBe('winnow 80/87 · ShareGPT · element 79 · line 81');
		expect(sharegpt('ShareGPT', 'element 79 · line 81', 60)).toBe('winnow 80/87 id sha1:2fd5… · ShareGPT · element 79 · line 81');
		const cut = sharegpt('templated text (ChatML)', 'element 79 · line 81', 40);
		expect(terminalWidth(cut)).toBeLessThanOrEqual(40);
		expect(cut).toMatch(/^80\/87 · templ\S*… · element 79 · line 81$/);

		// On the review screen: a pretty-printed array of ShareGPT samples (ids are hashes, too long to show).
		const elements = Array.from({length: 3}, (_, i) => JSON.stringify({conversations: [{from: 'human', value: `question ${i}`}, {from: 'gpt', value: 'an answer'}]}));
		for (const [columns, expected] of [[40, '1/3 · ShareGPT · element 0 · line 2'], [46, 'winnow 1/3 · ShareGPT · element 0 · line 2']] as const) {
			const {frame, close} = await screen(`[\n${elements.join(',\n')}\n]\n`, {fileName: 'sharegpt.json'}, {columns, rows: 16});
			await waitFor(() => frame().includes('element 0'), 'the header');
			expect(frame().split('\n')[0].trimEnd()).toBe(expected);
			await close();
		}
	});

	it('in a one-line JSON array shows the element index and byte offset, not "line 1" for every sample', async () => {
		const elements = Array.from({length: 3}, (_, i) => ({id: `e${i}`, messages: [{role: 'user', content: `question ${i}`}, {role: 'assistant', content: 'ok'}]}));
		const content = JSON.stringify(elements);
		const {frame, type, controller} = await screen(content);
		expect(frame().split('\n')[0]).toContain('element 0 · byte 1');
		await type('l');
		await waitFor(() => controller.state.cursor === 1, 'the second sample');

		const offset = content.indexOf('{"id":"e1"');
		expect(frame().split('\n')[0]).toContain(`element 1 · byte ${offset}`);
		expect(frame().split('\n')[0]).not.toContain('line 1');
	});
});
