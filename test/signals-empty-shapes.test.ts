import {expect, test} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';

const emptyReason = (sample: unknown) => sampleSignals.find(item => item.name === 'empty')!.make(defaultSignalConfig)(sampleText(sample));

const reply = (role: string, text: string, replies: unknown[] = []) => ({text, role, replies});

test('an oasst2 message tree whose branch ends on the prompter\'s thanks is not empty', () => {
	const tree = {
		message_tree_id: 't-0002',
		prompt: reply('prompter', 'Convert 72 degrees Fahrenheit to Celsius.', [
			reply('assistant', 'Subtract 32 and multiply by 5/9: about 22 degrees Celsius.', [reply('prompter', 'Thanks, that helps!')]),
		]),
	};
	expect(sampleText(tree).format).toBe('message-tree');
	expect(emptyReason(tree)).toBeUndefined();
	// An empty message in the tree still is.
	const withEmptyAnswer = {prompt: reply('prompter', 'Convert 72 degrees Fahrenheit to Celsius.', [reply('assistant', ' ')])};
	expect(emptyReason(withEmptyAnswer)).toBe('empty: assistant [1] is empty');
});

test('a chat that ends on a user turn with no answer still is empty', () => {
	const chat = {messages: [{role: 'user', content: 'Convert 72 F to C.'}, {role: 'assistant', content: 'About 22 C.'}, {role: 'user', content: 'And 100 F?'}]};
	expect(emptyReason(chat)).toBe('empty: the conversation ends on a user turn with no answer');
});
