/*
Stanford Human Preferences (SHP, SHP-2): {"history", "human_ref_A", "human_ref_B", "labels", "score_A", "score_B", …}.
A post and two replies; `labels` 1 means A is preferred, 0 means B. Shown as a pair: the preferred reply chosen,
each labelled with its score.
*/
import {judgedPairBlocks, type JudgedSide} from './judged-pair.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField} from './values.js';

function side(sample: JsonObject, letter: 'A' | 'B'): JudgedSide {
	const score = ownField(sample, `score_${letter}`);
	return {
		name: `human_ref_${letter}`,
		details: [typeof score === 'number' ? `score ${score}` : undefined],
		value: sample[`human_ref_${letter}`] as string,
	};
}

function winner(sample: JsonObject): 0 | 1 | undefined {
	const label = ownField(sample, 'labels');
	return label === 1 ? 0 : label === 0 ? 1 : undefined;
}

export const shp = defineFormat({
	name: 'shp',
	label: 'preference pair (SHP)',
	detect: sample => typeof ownField(sample, 'history') === 'string'
		&& typeof ownField(sample, 'human_ref_A') === 'string'
		&& typeof ownField(sample, 'human_ref_B') === 'string',
	render: sample => ({
		blocks: [
			{label: 'history', text: sample['history'] as string, tone: 'prompt'},
			...judgedPairBlocks([side(sample, 'A'), side(sample, 'B')], winner(sample)),
		],
		consumedKeys: ['history', 'human_ref_A', 'human_ref_B', 'labels', 'score_A', 'score_B'],
	}),
});
