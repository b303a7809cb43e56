/*
A solution written and rated step by step, as in PRM800K: {"question": {"problem", "ground_truth_answer"}, "label":
{"steps": [{"completions": [{"text", "rating", "flagged"}], "chosen_completion", "human_completion"}], "finish_reason"}}.
The problem, then each step as its own block with its rating ("step 2 (rating -1)"); where a step offered several
completions, the one taken is the step and the others are shown as alternatives (not judged by the signals); a step a
person wrote says so. The ground truth answer is the reference.
*/
import {metadataEntry} from './metadata.js';
import {defineFormat, type Block, type JsonObject, type MetadataEntry} from './types.js';
import {isObject, ownField, stringOrUndefined, turnText, withDetails} from './values.js';

type Parts = {question: JsonObject; problem: string; label: JsonObject; steps: unknown[]};

function partsOf(sample: JsonObject): Parts | undefined {
	const question = ownField(sample, 'question');
	const label = ownField(sample, 'label');
	if (!isObject(question) || !isObject(label)) return undefined;
	const problem = stringOrUndefined(question['problem']) ?? stringOrUndefined(question['question']);
	const steps = label['steps'];
	if (problem === undefined || !Array.isArray(steps)) return undefined;
	return {question, problem, label, steps};
}

function rating(value: unknown): string | undefined {
	return typeof value === 'number' ? `rating ${value > 0 ? '+' : ''}${value}` : undefined;
}

function completionText(completion: unknown): string | undefined {
	return typeof completion === 'string' ? completion : isObject(completion) ? stringOrUndefined(completion['text']) : undefined;
}

function stepBlocks(step: unknown, index: number): Block[] {
	const name = `step ${index + 1}`;
	if (!isObject(step)) return [];
	const human = completionText(step['human_completion']);
	const completions = Array.isArray(step['completions']) ? step['completions'] : [];
	const chosen = typeof step['chosen_completion'] === 'number' ? step['chosen_completion'] : completions.length === 1 ? 0 : undefined;
	const blocks: Block[] = [];
	for (const [which, completion] of completions.entries()) {
		const text = completionText(completion) ?? '';
		const flagged = isObject(completion) && completion['flagged'] === true ? 'flagged' : undefined;
		const details = [isObject(completion) ? rating(completion['rating']) : undefined, flagged];
		if (which === chosen && human === undefined) blocks.push({label: withDetails(name, details), text: turnText(text), tone: 'completion'});
		else blocks.push({label: withDetails(`${name} · alternative ${which + 1}`, details), text: turnText(text), tone: 'field'});
	}

	if (human !== undefined) blocks.push({label: `${name} (written by a person)`, text: turnText(human), tone: 'completion'});
	return blocks;
}

function nested(path: string, object: JsonObject, shown: readonly string[]): MetadataEntry[] {
	return Object.keys(object).filter(key => !shown.includes(key)).map(key => metadataEntry(`${path}.${key}`, object[key]));
}

export const ratedSteps = defineFormat({
	name: 'rated-steps',
	label: 'rated steps',
	detect: sample => partsOf(sample) !== undefined,
	render(sample) {
		const {question, problem, label, steps} = partsOf(sample)!;
		const blocks: Block[] = [{label: 'problem', text: problem, tone: 'prompt'}, ...steps.flatMap((step, index) => stepBlocks(step, index))];
		const answer = question['ground_truth_answer'];
		if (typeof answer === 'string' || typeof answer === 'number') blocks.push({label: 'reference (ground_truth_answer)', text: String(answer), tone: 'reference'});
		return {
			blocks,
			consumedKeys: ['question', 'label'],
			nestedMetadata: [...nested('question', question, ['problem', 'question', 'ground_truth_answer']), ...nested('label', label, ['steps'])],
		};
	},
});
