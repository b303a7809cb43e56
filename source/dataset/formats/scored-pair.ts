/*
Two answers under numbered or lettered keys, judged by a score or by the keys themselves:
- StackExchange-paired: {"question", "response_j", "response_k"}, response_j the preferred one;
- WebGPT comparisons: {"question": {"full_text"}, "answer_0", "answer_1", "score_0", "score_1"}: the higher score wins,
  equal scores are a tie;
- {"prompt", "response_a", "response_b", "winner": "model_a|model_b|tie"} (LMArena's human preference rows).
Through judged-pair.ts: the winner first as `chosen`, a tie keeps both in file order.
*/
import {judgedPairBlocks, type JudgedSide} from './judged-pair.js';
import {isTextOrChat, textOrChatBlocks} from './messages.js';
import {metadataEntry} from './metadata.js';
import {defineFormat, type Block, type JsonObject, type MetadataEntry} from './types.js';
import {isObject, ownField} from './values.js';

type Scheme = {
	sides: readonly [string, string];
	/** 0 or 1 for the winner, undefined for a tie or no verdict, and the keys that held the verdict. */
	verdict(sample: JsonObject): {winner: 0 | 1 | undefined; keys: string[]; details: [string | undefined, string | undefined]};
};

const byKeys: Scheme = {sides: ['response_j', 'response_k'], verdict: () => ({winner: 0, keys: [], details: [undefined, undefined]})};

function scored(first: string, second: string, firstScore: string, secondScore: string): Scheme {
	return {
		sides: [first, second],
		verdict(sample) {
			const a = ownField(sample, firstScore);
			const b = ownField(sample, secondScore);
			if (typeof a !== 'number' || typeof b !== 'number') return {winner: undefined, keys: [], details: [undefined, undefined]};
			return {winner: a > b ? 0 : b > a ? 1 : undefined, keys: [firstScore, secondScore], details: [`score ${a}`, `score ${b}`]};
		},
	};
}

const byWinner: Scheme = {
	sides: ['response_a', 'response_b'],
	verdict(sample) {
		const winner = ownField(sample, 'winner');
		const which = winner === 'model_a' || winner === 'a' ? 0 : winner === 'model_b' || winner === 'b' ? 1 : undefined;
		return {winner: which, keys: typeof winner === 'string' ? ['winner'] : [], details: [undefined, undefined]};
	},
};

const schemes: readonly Scheme[] = [byKeys, scored('answer_0', 'answer_1', 'score_0', 'score_1'), scored('response_0', 'response_1', 'score_0', 'score_1'), byWinner];

const promptKeys = ['question', 'prompt', 'instruction', 'query', 'history'] as const;

/** Both sides text or chats, or one of them null (an answer never written: shown as `(empty)`). */
function schemeOf(sample: JsonObject): Scheme | undefined {
	return schemes.find(scheme => {
		const sides = scheme.sides.map(key => ownField(sample, key));
		return sides.every(side => isTextOrChat(side) || side === null) && sides.some(side => side !== null);
	});
}

/** The question as text or a chat list; WebGPT keeps it as {"dataset", "id", "full_text"}. */
function promptBlocks(sample: JsonObject): {blocks: Block[]; key?: string; nested: MetadataEntry[]} {
	for (const key of promptKeys) {
		const value = ownField(sample, key);
		if (isTextOrChat(value)) return {blocks: textOrChatBlocks(value, key, 'prompt'), key, nested: []};
		const textKey = isObject(value) ? ['full_text', 'text'].find(name => typeof value[name] === 'string') : undefined;
		if (textKey !== undefined) {
			const object = value as JsonObject;
			const nested = Object.keys(object).filter(name => name !== textKey).map(name => metadataEntry(`${key}.${name}`, object[name]));
			return {blocks: [{label: key, text: object[textKey] as string, tone: 'prompt'}], key, nested};
		}
	}

	return {blocks: [], nested: []};
}

export const scoredPair = defineFormat({
	name: 'scored-pair',
	label: 'judged pair',
	detect: sample => schemeOf(sample) !== undefined,
	render(sample) {
		const scheme = schemeOf(sample)!;
		const {winner, keys, details} = scheme.verdict(sample);
		const sides = scheme.sides.map((key, index): JudgedSide => ({name: key, details: [details[index]], value: sample[key] as string | unknown[] | null})) as [JudgedSide, JudgedSide];
		const prompt = promptBlocks(sample);
		return {
			blocks: [...prompt.blocks, ...judgedPairBlocks(sides, winner)],
			consumedKeys: [...scheme.sides, ...keys, ...(prompt.key === undefined ? [] : [prompt.key])],
			nestedMetadata: prompt.nested,
			label: winner === undefined ? `judged pair (${keys.length === 0 ? 'no verdict' : 'tie'})` : undefined,
		};
	},
});
