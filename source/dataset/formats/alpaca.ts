/* Alpaca: {"instruction", "input" (or Dolly's "context"), "output" (or "response"), optional "history" pairs}. */
import {prettyJson} from './json-text.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, ownField, stringOrUndefined, turnText} from './values.js';

const answerKeys = ['output', 'response'] as const;

/** The answer's key: the first holding text, else the first holding null (an answer never written, shown as `(empty)`). */
function answerKey(sample: JsonObject): string | undefined {
	return firstStringKey(sample, answerKeys) ?? answerKeys.find(key => ownField(sample, key) === null);
}

function historyBlocks(history: unknown): Block[] | undefined {
	const isPairList = Array.isArray(history)
		&& history.every(pair => Array.isArray(pair) && pair.length === 2 && pair.every(turn => typeof turn === 'string'));
	if (!isPairList) {
		return undefined;
	}

	return (history as string[][]).flatMap(([question, answer]): Block[] => [
		{label: 'user', text: question, tone: 'user'},
		{label: 'assistant', text: answer, tone: 'assistant'},
	]);
}

export const alpaca = defineFormat({
	name: 'alpaca',
	label: 'Alpaca',
	detect: sample => typeof ownField(sample, 'instruction') === 'string' && answerKey(sample) !== undefined,
	render(sample) {
		const answer = answerKey(sample)!;
		const consumedKeys = ['instruction', answer];
		const blocks: Block[] = [];

		const history = historyBlocks(ownField(sample, 'history'));
		if (history !== undefined) {
			blocks.push(...history);
			consumedKeys.push('history');
		}

		blocks.push({label: 'instruction', text: sample['instruction'] as string, tone: 'prompt'});

		// Dolly-style sets call the input "context".
		const inputKey = ['input', 'context'].find(key => ownField(sample, key) !== undefined);
		if (inputKey !== undefined) {
			consumedKeys.push(inputKey);
			const input = sample[inputKey];
			if (input !== '' && input !== null) {
				blocks.push({label: inputKey, text: typeof input === 'string' ? input : prettyJson(input), tone: 'prompt'});
			}
		}

		blocks.push({label: answer, text: turnText(stringOrUndefined(sample[answer]) ?? ''), tone: 'completion'});
		return {blocks, consumedKeys};
	},
});
