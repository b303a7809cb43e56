/*
A {"text"} whose one string is a whole conversation in a chat template (chat-templates.ts): shown as its
turns, the header naming the template ("templated text (ChatML)"). Tried just before plain text.
*/
import {parseTemplatedText, type TemplatedText} from './chat-templates.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField, turnText} from './values.js';

// detect() and render() see the same sample object: the text is parsed once.
const parsed = new WeakMap<JsonObject, TemplatedText | undefined>();

function templatedTextOf(sample: JsonObject): TemplatedText | undefined {
	if (parsed.has(sample)) return parsed.get(sample);
	const text = ownField(sample, 'text');
	const found = typeof text === 'string' ? parseTemplatedText(text) : undefined;
	parsed.set(sample, found);
	return found;
}

export const templatedText = defineFormat({
	name: 'templated-text',
	label: 'templated text',
	detect: sample => templatedTextOf(sample) !== undefined,
	render(sample) {
		const {template, blocks} = templatedTextOf(sample)!;
		return {
			blocks: blocks.map(block => ({...block, text: turnText(block.text)})),
			consumedKeys: ['text'],
			label: `templated text (${template})`,
		};
	},
});
