/*
A reference (gold) answer beside the model's own: `target`, `reference`, `ground_truth`, `expected`, `ideal`
(and their usual spellings) in any recognised sample, next to its output, response, completion or answer. A reviewer judges the answer
against it, so it is a block after the answer, never a cut-off metadata line.
*/
import {prettyJson} from './json-text.js';
import type {JsonObject, Rendering} from './types.js';
import {ownField, turnText} from './values.js';

export const referenceKeys = [
	'reference',
	'reference_answer',
	'references',
	'target',
	'targets',
	'ground_truth',
	'gold',
	'gold_answer',
	'expected',
	'expected_output',
	'expected_answer',
	'expected_response',
	'ideal',
	'gold_response',
	'reference_response',
] as const;

/** Where a model's answer is kept, beside which a reference is one. */
export const predictionKeys = ['output', 'response', 'completion', 'answer', 'prediction', 'generation', 'model_output', 'generated'] as const;

function isReferenceValue(value: unknown): boolean {
	return typeof value === 'string'
		|| typeof value === 'number'
		|| (Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string' || typeof item === 'number'));
}

/** The reference keys the sample has. Only recognised samples (which hold an answer of some kind) show them as blocks. */
export function referenceKeysOf(sample: JsonObject): string[] {
	return referenceKeys.filter(key => isReferenceValue(ownField(sample, key)));
}

function referenceText(value: unknown): string {
	if (typeof value === 'string') return turnText(value);
	if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : value.map((item, index) => `${index + 1}. ${String(item)}`).join('\n');
	return typeof value === 'number' ? String(value) : prettyJson(value);
}

export function referenceRendering(sample: JsonObject): Rendering {
	const keys = referenceKeysOf(sample);
	return {
		blocks: keys.map(key => ({label: key === 'reference' ? 'reference' : `reference (${key})`, text: referenceText(sample[key]), tone: 'reference' as const})),
		consumedKeys: keys,
	};
}
