/*
Chatbot Arena battles: {"model_a", "model_b", "conversation_a", "conversation_b", "winner": "model_a|model_b|tie|tie (bothbad)", …}.
The user's turns both models answered are shown once, then each model's conversation, the winner's chosen (left on a
wide screen); a tie keeps both in file order with their own tones.
*/
import {compactJson} from './json-text.js';
import {chatBlocks, isChatList} from './messages.js';
import {judgedPairBlocks, type JudgedSide} from './judged-pair.js';
import {defineFormat, type JsonObject} from './types.js';
import {ownField, stringOrUndefined} from './values.js';

/** How many opening messages both conversations share (each keeps at least one of its own). */
function sharedOpening(first: unknown[], second: unknown[]): number {
	const limit = Math.min(first.length, second.length) - 1;
	let length = 0;
	while (length < limit && compactJson(first[length]) === compactJson(second[length])) length++;
	return length;
}

function side(sample: JsonObject, letter: 'a' | 'b', shared: number): JudgedSide {
	const model = stringOrUndefined(ownField(sample, `model_${letter}`));
	return {
		name: model === undefined ? `model_${letter}` : `model_${letter}: ${model}`,
		details: [],
		value: (sample[`conversation_${letter}`] as unknown[]).slice(shared),
	};
}

export const arena = defineFormat({
	name: 'arena',
	label: 'Chatbot Arena battle',
	detect: sample => isChatList(ownField(sample, 'conversation_a')) && isChatList(ownField(sample, 'conversation_b')),
	render(sample) {
		const first = sample['conversation_a'] as unknown[];
		const second = sample['conversation_b'] as unknown[];
		const shared = sharedOpening(first, second);
		const verdict = ownField(sample, 'winner');
		const winner = verdict === 'model_a' ? 0 : verdict === 'model_b' ? 1 : undefined;
		const tie = typeof verdict === 'string' && verdict.startsWith('tie');
		return {
			blocks: [
				...chatBlocks(first.slice(0, shared)),
				...judgedPairBlocks([side(sample, 'a', shared), side(sample, 'b', shared)], winner),
			],
			consumedKeys: ['model_a', 'model_b', 'conversation_a', 'conversation_b', ...(winner === undefined && !tie ? [] : ['winner'])],
			label: tie ? `Chatbot Arena battle (${verdict})` : undefined,
		};
	},
});
