/*
The last reading before raw JSON: a sample in no known shape that holds text is shown as its text fields, each a block
under its key, in the sample's order (Gorilla's {"code", "api_call", "provider", "api_data"}); a field written in a chat
template is shown as that template's turns ("code · instruction", "code · output"), so the signals read its answer.
Numbers, lists, objects and short codes without a space stay metadata.
*/
import {parseTemplatedText} from './chat-templates.js';
import {defineFormat, type Block, type JsonObject} from './types.js';

/** Text a person reads: words with spaces, or more than one line. */
function isProse(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length >= 12 && (value.includes('\n') || /\S\s+\S/.test(value));
}

function fieldBlocks(key: string, text: string): Block[] {
	const templated = text.includes('#') || text.includes('<') || text.includes(':') ? parseTemplatedText(text) : undefined;
	if (templated === undefined) return [{label: key, text, tone: 'field'}];
	return templated.blocks.map(block => ({...block, label: `${key} · ${block.label}`}));
}

export const labelledFields = defineFormat({
	name: 'fields',
	label: 'text fields',
	detect: sample => Object.keys(sample).some(key => isProse(sample[key])),
	render(sample: JsonObject) {
		const keys = Object.keys(sample).filter(key => isProse(sample[key]));
		return {blocks: keys.flatMap(key => fieldBlocks(key, sample[key] as string)), consumedKeys: keys};
	},
});
