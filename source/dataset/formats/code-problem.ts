/*
Programming problems with their solutions and tests: HumanEval {"prompt", "canonical_solution", "test",
"entry_point"}, MBPP {"text" (or "prompt"), "code", "test_list"}, APPS {"question", "solutions" (a JSON string
holding a list), "input_output", "starter_code"}. The problem is the prompt, each solution a response (the code a
reviewer judges), the tests a reference.
*/
import {parseJsonText, prettyIfJsonText} from './json-text.js';
import {defineFormat, type Block, type JsonObject, type Rendering} from './types.js';
import {isNonEmptyString, ownField, turnText} from './values.js';

type Variant = {
	name: string;
	problem: string;
	/** The solution key; its value is a string, or (APPS) a list of strings, maybe written as JSON text. */
	solution: string;
	/** Keys of the tests and the like, shown after the solutions when present. */
	extras: readonly string[];
};

const variants: readonly Variant[] = [
	{name: 'HumanEval', problem: 'prompt', solution: 'canonical_solution', extras: ['test']},
	{name: 'MBPP', problem: 'text', solution: 'code', extras: ['test_setup_code', 'test_list', 'challenge_test_list']},
	{name: 'MBPP', problem: 'prompt', solution: 'code', extras: ['test_setup_code', 'test_list', 'challenge_test_list']},
	{name: 'APPS', problem: 'question', solution: 'solutions', extras: ['input_output']},
];

function solutionsOf(value: unknown): string[] | undefined {
	if (typeof value === 'string') {
		const list = value.trimStart().startsWith('[') ? parseJsonText(value) : undefined;
		return Array.isArray(list) ? (list.every(item => typeof item === 'string') ? list : undefined) : [value];
	}

	return Array.isArray(value) && value.every(item => typeof item === 'string') ? value : undefined;
}

function variantOf(sample: JsonObject): Variant | undefined {
	return variants.find(variant => typeof ownField(sample, variant.problem) === 'string' && solutionsOf(ownField(sample, variant.solution)) !== undefined);
}

function extraText(value: unknown): string | undefined {
	if (isNonEmptyString(value)) return prettyIfJsonText(value);
	if (Array.isArray(value) && value.length > 0) return value.map(item => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n');
	return undefined;
}

function codeProblemRendering(sample: JsonObject): Rendering {
	const variant = variantOf(sample)!;
	const blocks: Block[] = [{label: variant.problem, text: sample[variant.problem] as string, tone: 'prompt'}];
	const starter = ownField(sample, 'starter_code');
	if (isNonEmptyString(starter) && starter.trim() !== '') blocks.push({label: 'starter_code', text: starter, tone: 'prompt'});
	const solutions = solutionsOf(sample[variant.solution])!;
	if (solutions.length === 0) blocks.push({label: variant.solution, text: turnText(''), tone: 'completion'});
	for (const [index, solution] of solutions.entries()) {
		blocks.push({label: solutions.length === 1 ? variant.solution : `${variant.solution} ${index + 1} of ${solutions.length}`, text: turnText(solution), tone: 'completion'});
	}

	const consumedKeys = [variant.problem, variant.solution, 'starter_code'];
	for (const key of variant.extras) {
		const text = extraText(ownField(sample, key));
		if (text !== undefined) blocks.push({label: key, text, tone: 'reference'});
		if (ownField(sample, key) !== undefined) consumedKeys.push(key);
	}

	return {blocks, consumedKeys, label: `code problem (${variant.name})`};
}

export const codeProblem = defineFormat({
	name: 'code-problem',
	label: 'code problem',
	detect: sample => variantOf(sample) !== undefined,
	render: codeProblemRendering,
});
