/*
One message of a conversation kept a row each, as OpenAssistant's oasst1 / oasst2 message tables write them:
{"message_id", "parent_id", "text", "role": "prompter|assistant", …}. The text is labelled by its role: an
assistant's message is a response the signals read, a prompter's is the user's.
*/
import {speakerOf} from './roles.js';
import {defineFormat} from './types.js';
import {ownField, stringOrUndefined, turnText} from './values.js';

export const messageRow = defineFormat({
	name: 'message-row',
	label: 'message',
	detect: sample => typeof ownField(sample, 'text') === 'string' && speakerOf(stringOrUndefined(ownField(sample, 'role'))) !== undefined,
	render(sample) {
		const speaker = speakerOf(sample['role'] as string)!;
		return {
			blocks: [{label: speaker.label, text: turnText(sample['text'] as string), tone: speaker.tone}],
			consumedKeys: ['text', 'role'],
			label: `message (${speaker.label})`,
		};
	},
});
