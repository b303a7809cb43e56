/*
One prompt and one answer under the key names public sets use: OpenOrca's {"question", "response"},
MetaMath's {"query", "response"}, MATH's {"problem", "solution"}, FLAN's {"inputs", "targets"},
{"input", "output"} with no instruction. The header names the keys: "pair (query/response)".
*/
import {defineFormat, type JsonObject} from './types.js';
import {ownField, turnText} from './values.js';

/** [prompt key, answer key], the first a sample has both of (as strings) wins. */
const pairs = [
	['question', 'response'],
	['query', 'response'],
	['problem', 'solution'],
	['inputs', 'targets'],
	['inputs_pretokenized', 'targets_pretokenized'],
	['input', 'output'],
	['input', 'response'],
] as const;

function pairOf(sample: JsonObject): readonly [string, string] | undefined {
	return pairs.find(([prompt, answer]) => typeof ownField(sample, prompt) === 'string' && typeof ownField(sample, answer) === 'string');
}

export const pair = defineFormat({
	name: 'pair',
	label: 'pair',
	detect: sample => pairOf(sample) !== undefined,
	render(sample) {
		const [prompt, answer] = pairOf(sample)!;
		// P3 keeps the token ids beside the texts shown ("inputs": [37, 423, …]): a copy, not something to judge.
		const tokenIds = prompt.endsWith('_pretokenized') ? ['inputs', 'targets'].filter(key => Array.isArray(ownField(sample, key))) : [];
		return {
			blocks: [
				{label: prompt, text: sample[prompt] as string, tone: 'prompt'},
				{label: answer, text: turnText(sample[answer] as string), tone: 'completion'},
			],
			consumedKeys: [prompt, answer, ...tokenIds],
			label: `pair (${prompt.replace('_pretokenized', '')}/${answer.replace('_pretokenized', '')})`,
		};
	},
});
