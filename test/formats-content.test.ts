import {describe, expect, it} from 'vitest';
import {chat} from '../source/dataset/formats/chat.js';
import {renderContent, renderSample} from '../source/dataset/formats/index.js';
import {shareGpt} from '../source/dataset/formats/sharegpt.js';

/*
renderContent (what the signals read of every sample) is renderSample without the metadata: the same
blocks, and a format asked for its content alone leaves out the metadata it would have found.
*/

const samples: unknown[] = [
	{id: 1, messages: [{role: 'system', content: 'Be brief.'}, {role: 'user', content: 'Hi', country: 'FR', toxic: true}, {role: 'assistant', content: 'Hello.', name: 'bot', weight: 0}]},
	{conversations: [{from: 'human', value: 'Hi'}, {from: 'gpt', value: 'Hello <think>hm</think> there', redacted: true}], source: 'x'},
	{messages: '[{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]'},
	{data: {messages: [{role: 'user', content: 'q', timestamp: 5}, {role: 'assistant', content: null, tool_calls: [{id: 'c1', function: {name: 'f', arguments: '{"a":1}'}}]}]}},
	{system: 'S', prompt: 'p', chosen: 'c', rejected: 'r', score: 3},
	{instruction: 'i', input: '', output: 'o', tools: '[{"name": "f"}]'},
	{odd: [1, {two: 2}], id: 'x'},
];

describe('renderContent', () => {
	it('gives the blocks renderSample gives, and no metadata', () => {
		for (const sample of samples) {
			const content = renderContent(sample);
			const full = renderSample(sample);
			if (full.format !== 'json') expect(content.blocks, JSON.stringify(sample)).toEqual(full.blocks);
			expect(content.metadata).toEqual([]);
		}
	});

	it('a chat asked for its content alone finds no turn fields (their cost is the metadata panel\'s)', () => {
		const sample = samples[0] as Record<string, unknown>;
		expect(chat.render(sample).nestedMetadata?.length).toBeGreaterThan(0);
		expect(chat.render(sample, true).nestedMetadata).toBeUndefined();
		expect(chat.render(sample, true).blocks).toEqual(chat.render(sample).blocks);
		const turns = samples[1] as Record<string, unknown>;
		expect(shareGpt.render(turns).nestedMetadata?.length).toBeGreaterThan(0);
		expect(shareGpt.render(turns, true).nestedMetadata).toBeUndefined();
	});
});
