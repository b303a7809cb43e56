/*
The last reading before raw JSON: a sample in no known shape that holds text is shown as its text fields, each a block
under its key, in the sample's order (Gorilla's {"code", "api_call", "provider", "api_data"}); a field written in a chat
template is shown as that template's turns ("code · instruction", "code · output"), so the signals read its answer.
Numbers, lists, objects, short codes, urls and JSON written as a string stay metadata, and so do one-line texts
under metadata-like keys (ids, urls, dates, model names, categories: key-families.ts). Prose is judged by its
spaces, or in scripts written without them (Chinese, Japanese, Thai) by its length and punctuation (isProse).
*/
import {parseTemplatedText} from './chat-templates.js';
import {isProse as isProseText, keyFamily} from './key-families.js';
import {systemRendering} from './system-prompt.js';
import {defineFormat, type Block, type JsonObject} from './types.js';

function isProseField(key: string, value: unknown): value is string {
	return isProseText(value) && (keyFamily(key) !== 'metadata' || value.includes('\n'));
}

function fieldBlocks(key: string, text: string): Block[] {
	const templated = text.includes('#') || text.includes('<') || text.includes(':') ? parseTemplatedText(text) : undefined;
	if (templated === undefined) return [{label: key, text, tone: 'field'}];
	return templated.blocks.map(block => ({...block, label: `${key} · ${block.label}`}));
}

export const labelledFields = defineFormat({
	name: 'fields',
	label: 'text fields',
	detect: sample => Object.keys(sample).some(key => isProseField(key, sample[key])),
	render(sample: JsonObject) {
		// The system prompt (`system_prompt`) is the system block every format shows first: not a field again.
		const systemKeys = systemRendering(sample).consumedKeys;
		const keys = Object.keys(sample).filter(key => !systemKeys.includes(key) && isProseField(key, sample[key]));
		return {blocks: keys.flatMap(key => fieldBlocks(key, sample[key] as string)), consumedKeys: keys};
	},
});
