/* The fine-tuning API's preference form: {"input": {"messages", "tools"?}, "preferred_output": […], "non_preferred_output": […]}. */
import {metadataEntry} from './metadata.js';
import {chatBlocks, isChatList, textOrChatBlocks} from './messages.js';
import {toolList, toolsBlock} from './tools.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField} from './values.js';

export const preferenceApi = defineFormat({
	name: 'preference-api',
	label: 'preference (fine-tuning API)',
	detect(sample) {
		const input = ownField(sample, 'input');
		return isObject(input)
			&& isChatList(input['messages'])
			&& (Array.isArray(ownField(sample, 'preferred_output')) || Array.isArray(ownField(sample, 'non_preferred_output')));
	},
	render(sample) {
		const input = sample['input'] as JsonObject;
		const blocks: Block[] = [];
		const inputTools = toolList(input['tools']);
		if (inputTools !== undefined) {
			blocks.push(toolsBlock(inputTools));
		}

		blocks.push(
			...chatBlocks(input['messages'] as unknown[]),
			...textOrChatBlocks(ownField(sample, 'preferred_output'), 'preferred', 'chosen', {labelPrefix: 'preferred · ', tone: 'chosen'}),
			...textOrChatBlocks(ownField(sample, 'non_preferred_output'), 'non-preferred', 'rejected', {labelPrefix: 'non-preferred · ', tone: 'rejected'}),
		);
		const nestedMetadata = Object.keys(input)
			.filter(key => key !== 'messages' && !(key === 'tools' && inputTools !== undefined))
			.map(key => metadataEntry(`input.${key}`, input[key]));
		return {blocks, consumedKeys: ['input', 'preferred_output', 'non_preferred_output'], nestedMetadata};
	},
});
