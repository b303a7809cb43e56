import {describe, expect, test} from 'vitest';
import {renderSample, type RenderedSample} from '../source/dataset/formats/index.js';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';

// An answer the generator never wrote ("response": null) is shown as `(empty)` in the sample's own shape and
// raises `empty`, in every shape that has an answer field; a sample with no answer field claims none.

function shown(rendered: RenderedSample): string[] {
	return rendered.blocks.map(({label, tone, text}) => `${label} [${tone}]: ${text}`);
}

const emptyReason = (sample: unknown) => sampleSignals.find(item => item.name === 'empty')!.make(defaultSignalConfig)(sampleText(sample));

describe('a null answer in its own shape', () => {
	test('OpenOrca: the system prompt once, the question, the response (empty)', () => {
		const rendered = renderSample({id: 'niv.1003', system_prompt: 'You are an AI assistant.', question: 'Describe your city.', response: null});
		expect(rendered.formatLabel).toBe('pair (question/response)');
		expect(shown(rendered)).toEqual(['system [system]: You are an AI assistant.', 'question [prompt]: Describe your city.', 'response [completion]: (empty)']);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['id']);
	});

	test.each([
		[{question: 'Describe your city.', answer: null}, 'question/answer', 'answer [completion]: (empty)'],
		[{query: 'Describe your city.', response: null}, 'pair (query/response)', 'response [completion]: (empty)'],
		[{prompt: 'Describe your city.', answer: null}, 'pair (prompt/answer)', 'answer [completion]: (empty)'],
		[{problem: 'What is 2 + 2?', solution: null}, 'pair (problem/solution)', 'solution [completion]: (empty)'],
		[{inputs: 'Describe your city.', targets: null}, 'pair (inputs/targets)', 'targets [completion]: (empty)'],
		[{instruction: 'Describe your city.', context: '', response: null, category: 'open_qa'}, 'Alpaca', 'response [completion]: (empty)'],
		[{prompt: 'Describe your city.', completion: null}, 'prompt/completion', 'completion [completion]: (empty)'],
		[{instruction_text: 'Describe your city, please.', generation: null}, 'prompt/response (instruction_text/generation)', 'generation [completion]: (empty)'],
		[{prompt: 'Describe your city.', chosen: 'It is big and green.', rejected: null}, 'preference pair', 'rejected [rejected]: (empty)'],
		[{prompt: 'Describe your city.', chosen: null, rejected: 'It is big and green.'}, 'preference pair', 'chosen [chosen]: (empty)'],
		[{conversations: [{from: 'human', value: 'Describe your city.'}], chosen: {from: 'gpt', value: 'It is big.'}, rejected: null}, 'preference pair (conversation)', 'rejected [rejected]: (empty)'],
	])('%j: shown as (empty), and empty', (sample, label, answer) => {
		const rendered = renderSample(sample);
		expect(rendered.formatLabel).toBe(label);
		expect(shown(rendered)).toContain(answer);
		expect(emptyReason(sample)).toMatch(/^empty: \S+ is empty$/);
	});

	test('an answer written beats a null one under another pair of keys', () => {
		expect(renderSample({input: 'Describe your city.', output: null, target: 'It is big.'}).formatLabel).toBe('pair (input/target)');
	});
});

describe('no answer field: no answer claimed', () => {
	test.each([
		{question: 'Describe your city.'},
		{system_prompt: 'You are helpful.', question: 'Describe your city.'},
		{prompt: 'Describe your city.', label: null},
		{text: 'A page of text about a city and its people.', summary: null},
		{prompt: 'Describe your city.', chosen: null, rejected: null},
	])('%j: no completion block, not empty', sample => {
		const rendered = renderSample(sample);
		expect(rendered.blocks.some(block => block.text === '(empty)')).toBe(false);
		expect(emptyReason(sample)).toBeUndefined();
	});
});

test('text fields: a system prompt is the system block, not a field as well', () => {
	const rendered = renderSample({system_prompt: 'You are helpful.', task_notes: 'Some notes on the task at hand.', id: 7});
	expect(rendered.format).toBe('fields');
	expect(shown(rendered)).toEqual(['system [system]: You are helpful.', 'task_notes [field]: Some notes on the task at hand.']);
});
