/* UltraChat: {"id", "data": ["user turn", "assistant turn", "user turn", …]}, a list of strings taking turns. */
import type {Block} from './types.js';
import {defineFormat} from './types.js';
import {ownField, turnText} from './values.js';

function isTurnList(value: unknown): value is string[] {
	return Array.isArray(value) && value.length >= 2 && value.every(turn => typeof turn === 'string');
}

export const ultraChat = defineFormat({
	name: 'ultrachat',
	label: 'UltraChat',
	detect: sample => isTurnList(ownField(sample, 'data')),
	render: sample => ({
		blocks: (sample['data'] as string[]).map((turn, index): Block => index % 2 === 0
			? {label: 'user', text: turnText(turn), tone: 'user'}
			: {label: 'assistant', text: turnText(turn), tone: 'assistant'}),
		consumedKeys: ['data'],
	}),
});
