/*
A question with sets of answers rather than one, as in TruthfulQA: {"question", "best_answer", "correct_answers": [...],
"incorrect_answers": [...]}. The best answer is the answer taught; the other answers are the references a reviewer
checks it against, right and wrong, one per line.
*/
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, ownField, turnText} from './values.js';

const questionKeys = ['question', 'prompt', 'query'] as const;
const bestKeys = ['best_answer', 'best_response'] as const;
const rightKeys = ['correct_answers', 'correct_answer_list', 'good_answers'] as const;
const wrongKeys = ['incorrect_answers', 'wrong_answers', 'bad_answers'] as const;

function listKey(sample: JsonObject, keys: readonly string[]): string | undefined {
	return keys.find(key => {
		const value = ownField(sample, key);
		return Array.isArray(value) && value.every(item => typeof item === 'string');
	});
}

function listText(items: string[]): string {
	return items.length === 0 ? turnText('') : items.map(item => `- ${item}`).join('\n');
}

export const answerSets = defineFormat({
	name: 'answer-sets',
	label: 'question with answer sets',
	detect: sample => firstStringKey(sample, questionKeys) !== undefined
		&& (listKey(sample, rightKeys) !== undefined || listKey(sample, wrongKeys) !== undefined)
		&& (firstStringKey(sample, bestKeys) !== undefined || (listKey(sample, rightKeys) !== undefined && listKey(sample, wrongKeys) !== undefined)),
	render(sample) {
		const question = firstStringKey(sample, questionKeys)!;
		const best = firstStringKey(sample, bestKeys);
		const right = listKey(sample, rightKeys);
		const wrong = listKey(sample, wrongKeys);
		const blocks: Block[] = [{label: question, text: sample[question] as string, tone: 'prompt'}];
		if (best !== undefined) blocks.push({label: best, text: turnText(sample[best] as string), tone: 'completion'});
		if (right !== undefined) blocks.push({label: right, text: listText(sample[right] as string[]), tone: 'reference'});
		if (wrong !== undefined) blocks.push({label: wrong, text: listText(sample[wrong] as string[]), tone: 'reference'});
		return {blocks, consumedKeys: [question, ...[best, right, wrong].filter(key => key !== undefined)]};
	},
});
