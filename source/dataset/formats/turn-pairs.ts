/*
A conversation as a list of exchanges, as in Capybara: {"source", "conversation": [{"input", "output"}, …]}
(also {"user", "assistant"} or {"human", "gpt"} items; the_cauldron keeps them under "texts" beside its "images").
Each exchange is a user turn and an assistant turn.
*/
import {conversationKeys} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField, turnText} from './values.js';

/** [user key, assistant key] of one exchange. */
const exchangeKeys = [
	['input', 'output'],
	['user', 'assistant'],
	['human', 'assistant'],
	['human', 'gpt'],
	['prompt', 'response'],
] as const;

type Exchange = (typeof exchangeKeys)[number];

/** The keys every exchange of the list uses; the last one's answer may be missing (a prompt left for the model). */
function exchangesOf(value: unknown): Exchange | undefined {
	if (!Array.isArray(value) || value.length === 0 || !value.every(item => isObject(item))) return undefined;
	const items = value as JsonObject[];
	return exchangeKeys.find(([user, assistant]) => items.every((item, index) => typeof ownField(item, user) === 'string'
		&& (typeof ownField(item, assistant) === 'string' || (index === items.length - 1 && (ownField(item, assistant) ?? null) === null))));
}

function turnPairsOf(sample: JsonObject): {key: string; exchange: Exchange} | undefined {
	for (const key of [...conversationKeys, 'texts']) {
		const exchange = exchangesOf(ownField(sample, key));
		if (exchange !== undefined) return {key, exchange};
	}

	return undefined;
}

export const turnPairs = defineFormat({
	name: 'turn-pairs',
	label: 'turn pairs',
	detect: sample => turnPairsOf(sample) !== undefined,
	render(sample) {
		const {key, exchange: [user, assistant]} = turnPairsOf(sample)!;
		const blocks = (sample[key] as JsonObject[]).flatMap((item): Block[] => [
			{label: 'user', text: turnText(item[user] as string), tone: 'user'},
			...(typeof item[assistant] === 'string' ? [{label: 'assistant', text: turnText(item[assistant]), tone: 'assistant' as const}] : []),
		]);
		return {blocks, consumedKeys: [key]};
	},
});
