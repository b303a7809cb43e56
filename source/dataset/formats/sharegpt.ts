/* ShareGPT: {"conversations": [{"from": "human|gpt|system|function_call|observation", "value": …}]}. */
import {chatBlocks, conversationOf} from './messages.js';
import {defineFormat} from './types.js';

export const shareGpt = defineFormat({
	name: 'sharegpt',
	label: 'ShareGPT',
	detect: sample => conversationOf(sample)?.kind === 'sharegpt',
	render(sample) {
		const {key} = conversationOf(sample)!;
		return {blocks: chatBlocks(sample[key] as unknown[]), consumedKeys: [key]};
	},
});
