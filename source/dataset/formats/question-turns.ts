/*
A list of questions asked one after another with no answers, as MT-bench's question.jsonl: {"question_id", "category",
"turns": ["Write a blog post…", "Rewrite it in rhymes."]} (a reference answer beside them is shown as one). Each
string is a user turn. MT-bench's answer files ({"choices": [{"turns"}]}) are the choices format.
*/
import {defineFormat} from './types.js';
import {ownField, turnText} from './values.js';

function isStringList(value: unknown): value is string[] {
	return Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string');
}

export const questionTurns = defineFormat({
	name: 'question-turns',
	label: 'questions (turns)',
	detect: sample => isStringList(ownField(sample, 'turns')) && ownField(sample, 'choices') === undefined,
	render: sample => ({
		blocks: (sample['turns'] as string[]).map((turn, index, turns) => ({label: turns.length > 1 ? `user · turn ${index + 1}` : 'user', text: turnText(turn), tone: 'user' as const})),
		consumedKeys: ['turns'],
	}),
});
