/*
A message tree, as OpenAssistant's oasst2 trees write it: {"message_tree_id", "prompt": {"text", "role": "prompter",
"replies": [{"text", "role": "assistant", "rank", "replies": […]}, …]}}. Every message is a block, depth first (a
reply's whole branch before its next sibling), labelled with its place in the tree: `assistant [2]` is the prompt's
second reply, `user [1.1]` the first reply to its first reply; a reply's rank is in its label.
*/
import {speakerOf} from './roles.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField, turnText, withDetails} from './values.js';

/** Deeper than any real conversation; a deeper (or cyclic-looking) tree is cut there. */
const maxDepth = 200;

function isTreeMessage(value: unknown): value is JsonObject {
	return isObject(value) && typeof value['text'] === 'string' && typeof value['role'] === 'string' && Array.isArray(value['replies']);
}

function messageBlocks(message: JsonObject, path: number[], blocks: Block[]): void {
	const speaker = speakerOf(message['role'] as string) ?? {label: message['role'] as string, tone: 'field' as const};
	const rank = message['rank'];
	const place = path.length === 0 ? speaker.label : `${speaker.label} [${path.join('.')}]`;
	blocks.push({label: withDetails(place, [typeof rank === 'number' ? `rank ${rank}` : undefined]), text: turnText(message['text'] as string), tone: speaker.tone});
	if (path.length >= maxDepth) return;
	for (const [index, reply] of (message['replies'] as unknown[]).entries()) {
		if (isTreeMessage(reply)) messageBlocks(reply, [...path, index + 1], blocks);
	}
}

export const messageTree = defineFormat({
	name: 'message-tree',
	label: 'message tree',
	detect: sample => isTreeMessage(ownField(sample, 'prompt')),
	render(sample) {
		const blocks: Block[] = [];
		messageBlocks(sample['prompt'] as JsonObject, [], blocks);
		return {blocks, consumedKeys: ['prompt']};
	},
});
