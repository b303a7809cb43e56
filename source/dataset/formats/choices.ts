/*
MT-bench style answers: {"question_id", "model_id", "choices": [{"index", "turns": ["answer 1", "answer 2"]}]}.
Each choice's turns are labelled (choice 1 · turn 1 …). MT-bench keeps the questions in another file
(question.jsonl): when this sample carries them (`turns`, `question` or `prompt`), each question turn is
shown before its answers; otherwise the screen says plainly that the question is not in the file.
*/
import {contentText} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField, turnText} from './values.js';

/** The question's turns, when the sample gives them. */
function questionTurns(sample: JsonObject): {key: string; turns: unknown[]} | undefined {
	const turns = ownField(sample, 'turns');
	if (Array.isArray(turns) && turns.length > 0) return {key: 'turns', turns};
	for (const key of ['question', 'prompt']) {
		const value = ownField(sample, key);
		if (typeof value === 'string') return {key, turns: [value]};
		if (Array.isArray(value) && value.length > 0) return {key, turns: value};
	}

	return undefined;
}

function answerBlock(choice: number, turn: number, value: unknown): Block {
	return {label: `choice ${choice + 1} · turn ${turn + 1}`, text: turnText(contentText(value)), tone: 'assistant'};
}

export const choices = defineFormat({
	name: 'choices',
	label: 'multi-turn choices',
	detect(sample) {
		const list = ownField(sample, 'choices');
		return Array.isArray(list)
			&& list.every(choice => isObject(choice) && Array.isArray(choice['turns']))
			&& list.some(choice => (choice['turns'] as unknown[]).length > 0);
	},
	render(sample) {
		const list = (sample['choices'] as JsonObject[]).map(choice => choice['turns'] as unknown[]);
		const question = questionTurns(sample);
		const blocks: Block[] = [];
		if (question === undefined) {
			const id = ownField(sample, 'question_id');
			const which = typeof id === 'number' || typeof id === 'string' ? ` (question_id ${String(id)})` : '';
			blocks.push({label: 'question', text: `The question is not in this file${which}: only the answers are.`, tone: 'field'});
		}

		const turnCount = Math.max(question?.turns.length ?? 0, ...list.map(turns => turns.length));
		for (let turn = 0; turn < turnCount; turn++) {
			if (question !== undefined && turn < question.turns.length) {
				blocks.push({label: `question · turn ${turn + 1}`, text: turnText(contentText(question.turns[turn])), tone: 'user'});
			}

			for (const [choice, turns] of list.entries()) {
				if (turn < turns.length) blocks.push(answerBlock(choice, turn, turns[turn]));
			}
		}

		return {blocks, consumedKeys: question === undefined ? ['choices'] : ['choices', question.key]};
	},
});
