/*
One prompt and one answer under the key names public sets use: OpenOrca's {"question", "response"},
MetaMath's {"query", "response"}, MATH's {"problem", "solution"}, FLAN's and Super-NaturalInstructions'
{"inputs", "targets"}, Firefly's {"input", "target"}, the CoT Collection's {"source", "target"}, ToxicChat's
{"user_input", "model_output"}, summarisation sets' {"document", "summary"}, {"input", "output"} with no instruction.
The header names the keys: "pair (query/response)". Beside the pair, a task's instruction (Super-NI's `definition`)
is shown first, and a rationale (the CoT Collection's) as the answer's reasoning.
*/
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, ownField, stringOrUndefined, turnText} from './values.js';

/** [prompt key, answer key] pairs, in order of preference. */
const pairs = [
	['question', 'response'],
	['query', 'response'],
	['problem', 'solution'],
	['inputs', 'targets'],
	['inputs_pretokenized', 'targets_pretokenized'],
	['input', 'output'],
	['input', 'response'],
	['input', 'target'],
	['source', 'target'],
	['src', 'tgt'],
	['user_input', 'model_output'],
	['human_input', 'model_output'],
	['prompt', 'answer'],
	['query', 'answer'],
	['document', 'summary'],
	['dialogue', 'summary'],
	['article', 'highlights'],
	['article', 'summary'],
	['text', 'summary'],
] as const;

/** A task's instruction kept beside its input and answer: Super-NaturalInstructions' `definition`. */
const instructionKeys = ['definition', 'task_definition', 'instruction', 'task_instruction'] as const;
/** The reasoning that leads to the answer: the CoT Collection's `rationale`. */
const rationaleKeys = ['rationale', 'rationales', 'chain_of_thought', 'cot', 'explanation'] as const;

/** Prompt keys that are also a sample's own text or its provenance: beside a null they are not a prompt left unanswered. */
const notPromptsBesideNull: ReadonlySet<string> = new Set(['text', 'source', 'src']);

/**
 * [prompt key, answer key]: the first pair a sample has both of as strings, else the first whose answer is null
 * (OpenOrca's `"response": null`, an answer the generator never wrote: shown as `(empty)`).
 */
function pairOf(sample: JsonObject): readonly [string, string] | undefined {
	return pairs.find(([prompt, answer]) => typeof ownField(sample, prompt) === 'string' && typeof ownField(sample, answer) === 'string')
		?? pairs.find(([prompt, answer]) => !notPromptsBesideNull.has(prompt) && typeof ownField(sample, prompt) === 'string' && ownField(sample, answer) === null);
}

export const pair = defineFormat({
	name: 'pair',
	label: 'pair',
	detect: sample => pairOf(sample) !== undefined,
	render(sample) {
		const [prompt, answer] = pairOf(sample)!;
		// P3 keeps the token ids beside the texts shown ("inputs": [37, 423, …]): a copy, not something to judge.
		const tokenIds = prompt.endsWith('_pretokenized') ? ['inputs', 'targets'].filter(key => Array.isArray(ownField(sample, key))) : [];
		const instruction = firstStringKey(sample, instructionKeys.filter(key => key !== prompt));
		const rationale = firstStringKey(sample, rationaleKeys);
		const blocks: Block[] = [];
		if (instruction !== undefined && (sample[instruction] as string).trim() !== '') blocks.push({label: instruction, text: sample[instruction] as string, tone: 'system'});
		blocks.push({label: prompt, text: sample[prompt] as string, tone: 'prompt'});
		if (rationale !== undefined) blocks.push({label: rationale, text: turnText(sample[rationale] as string), tone: 'completion', reasoning: true});
		blocks.push({label: answer, text: turnText(stringOrUndefined(sample[answer]) ?? ''), tone: 'completion'});
		return {
			blocks,
			consumedKeys: [prompt, answer, ...tokenIds, ...(instruction === undefined ? [] : [instruction]), ...(rationale === undefined ? [] : [rationale])],
			label: `pair (${prompt.replace('_pretokenized', '')}/${answer.replace('_pretokenized', '')})`,
		};
	},
});
