/* Prompt/completion: {"prompt", "completion"}, each plain text or a chat list. */
import {isTextOrChat, textOrChatBlocks} from './messages.js';
import {defineFormat, type JsonObject, type Rendering} from './types.js';
import {ownField} from './values.js';

export function hasPromptAndCompletion(sample: JsonObject): boolean {
	return isTextOrChat(ownField(sample, 'prompt')) && isTextOrChat(ownField(sample, 'completion'));
}

export function promptCompletionRendering(sample: JsonObject): Rendering {
	return {
		blocks: [
			...textOrChatBlocks(sample['prompt'], 'prompt', 'prompt'),
			...textOrChatBlocks(sample['completion'], 'completion', 'completion'),
		],
		consumedKeys: ['prompt', 'completion'],
	};
}

export const promptCompletion = defineFormat({
	name: 'prompt-completion',
	label: 'prompt/completion',
	detect: hasPromptAndCompletion,
	render: promptCompletionRendering,
});
