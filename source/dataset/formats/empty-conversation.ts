/*
A conversation with no turns at all: {"messages": []} (or any conversation key holding an empty list). Shown as
one `(empty)` block, so the reviewer sees it is empty and the empty signal reads it. Tried late: a sample with an
empty list beside some other shape is that shape.
*/
import {conversationKeys} from './messages.js';
import {defineFormat, type JsonObject} from './types.js';
import {emptyText, ownField} from './values.js';

function emptyConversationKey(sample: JsonObject): string | undefined {
	return conversationKeys.find(key => {
		const value = ownField(sample, key);
		return Array.isArray(value) && value.length === 0;
	});
}

export const emptyConversation = defineFormat({
	name: 'empty-conversation',
	label: 'conversation (empty)',
	detect: sample => emptyConversationKey(sample) !== undefined,
	render(sample) {
		const key = emptyConversationKey(sample)!;
		return {blocks: [{label: key, text: emptyText, tone: 'field'}], consumedKeys: [key]};
	},
});
