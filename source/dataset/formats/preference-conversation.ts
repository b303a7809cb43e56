/*
LLaMA-Factory's preference data: a conversation (ShareGPT `conversations` or chat `messages`) and the two
answers to its last turn, `chosen` and `rejected`, each one message object ({"from": "gpt", "value": …}
or {"role": "assistant", "content": …}), a list of them, or plain text.
*/
import {chatBlocks, conversationOf, isMessage, isTextOrChat, textOrChatBlocks} from './messages.js';
import {chosenVoice, rejectedVoice} from './preference.js';
import {defineFormat} from './types.js';
import {ownField} from './values.js';

function isAnswer(value: unknown): boolean {
	return isMessage(value) || isTextOrChat(value) || (Array.isArray(value) && value.length > 0 && value.every(item => isMessage(item)));
}

export const preferenceConversation = defineFormat({
	name: 'preference-conversation',
	label: 'preference pair (conversation)',
	detect: sample => conversationOf(sample) !== undefined && isAnswer(ownField(sample, 'chosen')) && isAnswer(ownField(sample, 'rejected')),
	render(sample) {
		const {key} = conversationOf(sample)!;
		return {
			blocks: [
				...chatBlocks(sample[key] as unknown[]),
				...textOrChatBlocks(sample['chosen'], 'chosen', 'chosen', chosenVoice),
				...textOrChatBlocks(sample['rejected'], 'rejected', 'rejected', rejectedVoice),
			],
			consumedKeys: [key, 'chosen', 'rejected'],
		};
	},
});
