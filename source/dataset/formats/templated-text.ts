/*
A {"text"} whose one string is a whole conversation in a chat template (chat-templates.ts): shown as its
turns, the header naming the template ("templated text (ChatML)"). The same under "chat" (glaive-function-calling,
beside its "system") and "transcript" (Anthropic's red-team attempts). Tried just before plain text.
*/
import {parseTemplatedText, type TemplatedText} from './chat-templates.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField, turnText} from './values.js';

const textKeys = ['text', 'chat', 'transcript', 'plain_text', 'conversation', 'dialogue', 'dialog'] as const;

// detect() and render() see the same sample object: the text is parsed once.
const parsed = new WeakMap<JsonObject, {key: string; templated: TemplatedText} | undefined>();

function templatedTextOf(sample: JsonObject): {key: string; templated: TemplatedText} | undefined {
	if (parsed.has(sample)) return parsed.get(sample);
	let found: {key: string; templated: TemplatedText} | undefined;
	for (const key of textKeys) {
		const text = ownField(sample, key);
		const templated = typeof text === 'string' ? parseTemplatedText(text) : undefined;
		if (templated !== undefined) {
			found = {key, templated};
			break;
		}
	}

	parsed.set(sample, found);
	return found;
}

export const templatedText = defineFormat({
	name: 'templated-text',
	label: 'templated text',
	detect: sample => templatedTextOf(sample) !== undefined,
	render(sample) {
		const {key, templated: {template, blocks}} = templatedTextOf(sample)!;
		return {
			blocks: blocks.map(block => ({...block, text: turnText(block.text)})),
			consumedKeys: [key],
			label: `templated text (${template})`,
		};
	},
});
