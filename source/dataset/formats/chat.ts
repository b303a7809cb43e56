/* Chat: {"messages": [{"role": "system|user|assistant|tool", "content": …}]}, one block per message. */
import {chatBlocks, conversationOf, turnFieldEntries} from './messages.js';
import {defineFormat} from './types.js';

export const chat = defineFormat({
	name: 'chat',
	label: 'chat',
	detect: sample => conversationOf(sample)?.kind === 'chat',
	render(sample, content) {
		const {key, messages, asText} = conversationOf(sample)!;
		return {blocks: chatBlocks(messages), consumedKeys: [key], nestedMetadata: content ? undefined : turnFieldEntries(messages), label: asText ? `chat (${key} as JSON text)` : undefined};
	},
});
