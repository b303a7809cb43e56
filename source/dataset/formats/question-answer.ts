/* Question/answer: {"question", "answer"}, both strings, or the answer null (never written: shown as `(empty)`). */
import {defineFormat} from './types.js';
import {ownField, stringOrUndefined, turnText} from './values.js';

export const questionAnswer = defineFormat({
	name: 'question-answer',
	label: 'question/answer',
	detect: sample => typeof ownField(sample, 'question') === 'string' && (typeof ownField(sample, 'answer') === 'string' || ownField(sample, 'answer') === null),
	render: sample => ({
		blocks: [
			{label: 'question', text: sample['question'] as string, tone: 'prompt'},
			{label: 'answer', text: turnText(stringOrUndefined(sample['answer']) ?? ''), tone: 'completion'},
		],
		consumedKeys: ['question', 'answer'],
	}),
});
