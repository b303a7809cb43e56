/* UltraChat: {"id", "data": ["user turn", "assistant turn", "user turn", …]}, a list of strings taking turns (one: a prompt alone). */
import {isStringTurnList, stringTurnBlocks} from './string-turns.js';
import {defineFormat} from './types.js';
import {ownField} from './values.js';

export const ultraChat = defineFormat({
	name: 'ultrachat',
	label: 'UltraChat',
	detect: sample => isStringTurnList(ownField(sample, 'data')),
	render: sample => ({blocks: stringTurnBlocks(sample['data'] as string[]), consumedKeys: ['data']}),
});
