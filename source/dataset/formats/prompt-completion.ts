/*
Prompt/completion: {"prompt", "completion"}, each plain text or a chat list; generators also write the
answer as "response" or "output" beside a "prompt" (shown the same way, labelled by the key used). A prompt
with a chat template applied is shown as its turns (chat-templates.ts).
*/
import {parseTemplatedText} from './chat-templates.js';
import {isTextOrChat, textOrChatBlocks} from './messages.js';
import {defineFormat, type JsonObject, type Rendering} from './types.js';
import {ownField, turnText} from './values.js';

/** The keys an answer to a prompt goes by, in order of preference. */
const answerKeys = ['completion', 'response', 'output'] as const;

/** The answer's key: the first holding text or a chat list, else the first holding null (an answer the generator never wrote, shown as `(empty)`). */
function answerKey(sample: JsonObject): string | undefined {
	return answerKeys.find(key => isTextOrChat(ownField(sample, key))) ?? answerKeys.find(key => ownField(sample, key) === null);
}

export function hasPromptAndCompletion(sample: JsonObject): boolean {
	return isTextOrChat(ownField(sample, 'prompt')) && answerKey(sample) !== undefined;
}

export function promptCompletionRendering(sample: JsonObject): Rendering {
	const answer = answerKey(sample) ?? 'completion';
	const prompt = sample['prompt'];
	const answerValue = sample[answer];
	// A prompt with the chat template applied ("…<|im_start|>assistant\n") and its answer ("…<|im_end|>").
	const templated = typeof prompt === 'string' && typeof answerValue === 'string' ? parseTemplatedText(prompt) : undefined;
	if (templated !== undefined) {
		return {
			blocks: [...templated.blocks, {label: answer, text: turnText(templated.answerText(answerValue as string)), tone: 'completion'}],
			consumedKeys: ['prompt', answer],
			label: `prompt/completion (${templated.template})`,
		};
	}

	return {
		blocks: [
			...textOrChatBlocks(sample['prompt'], 'prompt', 'prompt'),
			...textOrChatBlocks(sample[answer], answer, 'completion'),
		],
		consumedKeys: ['prompt', answer],
	};
}

export const promptCompletion = defineFormat({
	name: 'prompt-completion',
	label: 'prompt/completion',
	detect: hasPromptAndCompletion,
	render: promptCompletionRendering,
});
