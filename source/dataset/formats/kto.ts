/* KTO: a chat or prompt/completion with a boolean `label` saying whether the answer is desirable. */
import {chatBlocks, isChatList} from './messages.js';
import {hasPromptAndCompletion, promptCompletionRendering} from './prompt-completion.js';
import {defineFormat, type Rendering} from './types.js';
import {ownField} from './values.js';

export const kto = defineFormat({
	name: 'kto',
	label: 'KTO',
	detect: sample => typeof ownField(sample, 'label') === 'boolean'
		&& (isChatList(ownField(sample, 'messages')) || hasPromptAndCompletion(sample)),
	render(sample) {
		const rendering: Rendering = isChatList(ownField(sample, 'messages'))
			? {blocks: chatBlocks(sample['messages'] as unknown[]), consumedKeys: ['messages']}
			: promptCompletionRendering(sample);
		const judged = rendering.blocks.findLastIndex(block => block.tone === 'assistant' || block.tone === 'completion');
		const target = rendering.blocks[judged === -1 ? rendering.blocks.length - 1 : judged];
		if (target !== undefined) {
			target.label = `${target.label} (label: ${sample['label'] ? 'desirable' : 'undesirable'})`;
		}

		// The label itself stays in the metadata too, as the raw true/false.
		return {...rendering, label: rendering.label?.replace('prompt/completion', 'KTO')};
	},
});
