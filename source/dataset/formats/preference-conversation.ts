/*
LLaMA-Factory's preference data: a conversation (ShareGPT `conversations` or chat `messages`) and the two
answers to its last turn, `chosen` and `rejected`, each one message object ({"from": "gpt", "value": …}
or {"role": "assistant", "content": …}), a list of them, or plain text; one of them may be null (`(empty)`).
*/
import {compactJson} from './json-text.js';
import {chatBlocks, conversationOf, isMessage, isTextOrChat, textOrChatBlocks} from './messages.js';
import {chosenVoice, promptKeyOf, rejectedVoice} from './preference.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField} from './values.js';

/** An answer given as message objects: one, or a list of them. */
function isMessageAnswer(value: unknown): boolean {
	return isMessage(value) || (Array.isArray(value) && value.length > 0 && value.every(item => isMessage(item)));
}

function isAnswer(value: unknown): boolean {
	return isMessageAnswer(value) || isTextOrChat(value);
}

/**
 * LLaMA-Factory's shape: answers as message objects, or plain answers beside a conversation and no
 * prompt. A pair with its own prompt and chat-list answers (UltraFeedback, TRL) is a preference pair
 * whose conversation field, when it has one, repeats the chosen side.
 */
function detect(sample: JsonObject): boolean {
	// The answers first: most samples have none, and looking for them costs less than reading the conversation.
	const chosen = ownField(sample, 'chosen');
	const rejected = ownField(sample, 'rejected');
	// One side may be null (an answer never written, shown as `(empty)`), not both.
	if (!(isAnswer(chosen) || (chosen === null && isAnswer(rejected))) || !(isAnswer(rejected) || (rejected === null && isAnswer(chosen)))) return false;
	if (conversationOf(sample) === undefined) return false;
	return isMessage(chosen) || isMessage(rejected) || promptKeyOf(sample) === undefined;
}

/** An answer list without the conversation it repeats at its start. */
function withoutConversation(answer: unknown, conversation: unknown[]): unknown {
	if (!Array.isArray(answer) || answer.length <= conversation.length) return answer;
	const repeats = conversation.every((message, index) => compactJson(message) === compactJson(answer[index]));
	return repeats ? answer.slice(conversation.length) : answer;
}

export const preferenceConversation = defineFormat({
	name: 'preference-conversation',
	label: 'preference pair (conversation)',
	detect,
	render(sample) {
		const {key, messages: conversation} = conversationOf(sample)!;
		return {
			blocks: [
				...chatBlocks(conversation),
				...textOrChatBlocks(withoutConversation(sample['chosen'], conversation), 'chosen', 'chosen', chosenVoice),
				...textOrChatBlocks(withoutConversation(sample['rejected'], conversation), 'rejected', 'rejected', rejectedVoice),
			],
			consumedKeys: [key, 'chosen', 'rejected'],
		};
	},
});
