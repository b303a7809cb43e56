/*
A model's answer beside a reference answer, in no other known shape: {"input", "prediction", "target"},
{"prompt", "output", "expected"}… The reference blocks themselves are added to every recognised format
(reference-answer.ts); this format shows the prompt and the answer.
*/
import {prettyJson} from './json-text.js';
import {predictionKeys, referenceKeysOf} from './reference-answer.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, ownField, turnText} from './values.js';

const promptKeys = ['instruction', 'prompt', 'question', 'query', 'input', 'source', 'context'] as const;

function predictionKey(sample: JsonObject): string | undefined {
	return firstStringKey(sample, predictionKeys);
}

export const predictionReference = defineFormat({
	name: 'prediction-reference',
	label: 'answer and reference',
	detect: sample => predictionKey(sample) !== undefined && referenceKeysOf(sample).length > 0,
	render(sample) {
		const answer = predictionKey(sample)!;
		const blocks: Block[] = [];
		const consumedKeys = [answer];
		for (const key of promptKeys) {
			const value = ownField(sample, key);
			if (value === undefined || value === null || value === '') continue;
			blocks.push({label: key, text: typeof value === 'string' ? value : prettyJson(value), tone: 'prompt'});
			consumedKeys.push(key);
		}

		blocks.push({label: answer, text: turnText(sample[answer] as string), tone: 'completion'});
		return {blocks, consumedKeys};
	},
});
