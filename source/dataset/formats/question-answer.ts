/* Question/answer: {"question", "answer"}, both strings. */
import {defineFormat} from './types.js';
import {ownField, turnText} from './values.js';

export const questionAnswer = defineFormat({
	name: 'question-answer',
	label: 'question/answer',
	detect: sample => typeof ownField(sample, 'question') === 'string' && typeof ownField(sample, 'answer') === 'string',
	render: sample => ({
		blocks: [
			{label: 'question', text: sample['question'] as string, tone: 'prompt'},
			{label: 'answer', text: turnText(sample['answer'] as string), tone: 'completion'},
		],
		consumedKeys: ['question', 'answer'],
	}),
});
