/*
Reading comprehension, SQuAD's shape: {"context", "question", "answers": {"text": […], "answer_start": […]}} (also a
plain list of answer strings). The passage and the question, then the reference answers; an empty list (SQuAD 2.0)
says the question has no answer in the passage. Nothing here is a model's response.
*/
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField} from './values.js';

function answerTexts(value: unknown): string[] | undefined {
	const list = isObject(value) ? value['text'] : value;
	return Array.isArray(list) && list.every(item => typeof item === 'string') ? list : undefined;
}

function answersBlock(answers: string[]): Block {
	// SQuAD repeats an answer once per annotator: each different one is shown once, with how many gave it.
	const counts = new Map<string, number>();
	for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
	const lines = [...counts].map(([answer, count]) => (count > 1 ? `${answer} (×${count})` : answer));
	return {
		label: 'answers (reference)',
		text: answers.length === 0 ? '(none: the passage does not answer it)' : lines.length === 1 ? lines[0] : lines.map((line, index) => `${index + 1}. ${line}`).join('\n'),
		tone: 'reference',
	};
}

function isReadingComprehension(sample: JsonObject): boolean {
	return typeof ownField(sample, 'context') === 'string' && typeof ownField(sample, 'question') === 'string' && answerTexts(ownField(sample, 'answers')) !== undefined;
}

export const readingComprehension = defineFormat({
	name: 'reading-comprehension',
	label: 'reading comprehension',
	detect: isReadingComprehension,
	render: sample => ({
		blocks: [
			{label: 'context', text: sample['context'] as string, tone: 'prompt'},
			{label: 'question', text: sample['question'] as string, tone: 'prompt'},
			answersBlock(answerTexts(sample['answers'])!),
		],
		consumedKeys: ['context', 'question', 'answers'],
	}),
});
