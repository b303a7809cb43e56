/*
A conversation as a list of plain strings taking turns, user first: LIMA's {"conversations": ["…", "…"]}
(also under "conversation" or "messages"). UltraChat's "data" list is the same shape (ultrachat.ts).
*/
import {conversationKeys} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {ownField, turnText} from './values.js';

export function isStringTurnList(value: unknown): value is string[] {
	return Array.isArray(value) && value.length > 0 && value.every(turn => typeof turn === 'string');
}

/** The strings as user / assistant turns in turn. */
export function stringTurnBlocks(turns: string[]): Block[] {
	return turns.map((turn, index): Block => index % 2 === 0
		? {label: 'user', text: turnText(turn), tone: 'user'}
		: {label: 'assistant', text: turnText(turn), tone: 'assistant'});
}

function stringTurnsKey(sample: JsonObject): string | undefined {
	return conversationKeys.find(key => isStringTurnList(ownField(sample, key)));
}

export const stringTurns = defineFormat({
	name: 'string-turns',
	label: 'conversation (strings)',
	detect: sample => stringTurnsKey(sample) !== undefined,
	render(sample) {
		const key = stringTurnsKey(sample)!;
		return {blocks: stringTurnBlocks(sample[key] as string[]), consumedKeys: [key]};
	},
});
