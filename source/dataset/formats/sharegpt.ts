/* ShareGPT: {"conversations": [{"from": "human|gpt|system|function_call|observation", "value": …}]}. */
import {chatBlocks, conversationOf, turnFieldEntries} from './messages.js';
import {defineFormat} from './types.js';

export const shareGpt = defineFormat({
	name: 'sharegpt',
	label: 'ShareGPT',
	detect: sample => conversationOf(sample)?.kind === 'sharegpt',
	render(sample, content) {
		const {key, messages, asText} = conversationOf(sample)!;
		return {blocks: chatBlocks(messages), consumedKeys: [key], nestedMetadata: content ? undefined : turnFieldEntries(messages), label: asText ? `ShareGPT (${key} as JSON text)` : undefined};
	},
});
