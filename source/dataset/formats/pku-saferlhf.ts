/*
PKU-SafeRLHF: {"prompt", "response_0", "response_1", "better_response_id", "safer_response_id",
"is_response_0_safe", "is_response_1_safe", …}. Shown as a pair: the better response chosen, each labelled
with its safety (and which one is safer when that is the other one).
*/
import {judgedPairBlocks, type JudgedSide} from './judged-pair.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField} from './values.js';

function responseId(sample: JsonObject, key: string): 0 | 1 | undefined {
	const value = ownField(sample, key);
	return value === 0 || value === 1 ? value : undefined;
}

function side(sample: JsonObject, index: 0 | 1): JudgedSide {
	const safe = ownField(sample, `is_response_${index}_safe`);
	return {
		name: `response_${index}`,
		details: [
			typeof safe === 'boolean' ? (safe ? 'safe' : 'unsafe') : undefined,
			responseId(sample, 'safer_response_id') === index ? 'safer' : undefined,
		],
		value: sample[`response_${index}`] as string,
	};
}

export const pkuSafeRlhf = defineFormat({
	name: 'pku-saferlhf',
	label: 'preference pair (PKU-SafeRLHF)',
	detect: sample => typeof ownField(sample, 'prompt') === 'string'
		&& typeof ownField(sample, 'response_0') === 'string'
		&& typeof ownField(sample, 'response_1') === 'string',
	render(sample) {
		const better = responseId(sample, 'better_response_id');
		return {
			blocks: [
				{label: 'prompt', text: sample['prompt'] as string, tone: 'prompt'},
				...judgedPairBlocks([side(sample, 0), side(sample, 1)], better),
			],
			consumedKeys: ['prompt', 'response_0', 'response_1', 'better_response_id', 'safer_response_id', 'is_response_0_safe', 'is_response_1_safe'],
		};
	},
});
