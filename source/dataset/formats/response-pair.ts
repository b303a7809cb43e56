/*
Two answers to one prompt under response-like keys told apart by a side (key-families.ts), for samples in no known
shape: by polarity — CValues' {"prompt", "pos_resp", "neg_resp"}, good/bad, better/worse, preferred/dispreferred,
accepted/rejected — the positive one chosen; or by number or letter — HelpSteer2's {"prompt", "response_1",
"response_2", "preference_strength"}, HelpSteer3's {"context": [messages], "response1", "response2",
"overall_preference"}, {"answer_a", "answer_b"} — chosen by the verdict a field gives: a strength or overall
preference by its sign (negative: the first is better, positive: the second, 0: a tie, as HelpSteer writes it), a
choice/winner/preferred/label naming a side (1, "2", "b", "response_1"). Without a verdict both keep their own tones
(through judged-pair.ts, as other judged pairs). The prompt is any prompt-like key: text or a chat list.
*/
import {judgedPairBlocks, type JudgedSide} from './judged-pair.js';
import {isProse, keyFamily, keyWords} from './key-families.js';
import {isChatList, isTextOrChat, textOrChatBlocks} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {ownField} from './values.js';

const positive = new Set(['chosen', 'pos', 'positive', 'good', 'better', 'preferred', 'accepted', 'win', 'winner', 'winning', 'safe', 'correct', 'best']);
const negative = new Set(['rejected', 'neg', 'negative', 'bad', 'worse', 'dispreferred', 'unpreferred', 'declined', 'lose', 'loser', 'losing', 'unsafe', 'incorrect', 'wrong', 'worst']);
const verdictKeys = ['preference_strength', 'overall_preference', 'preference', 'choice', 'winner', 'preferred', 'better', 'label', 'better_response', 'preferred_response'] as const;

type Side = {key: string; stem: string; mark: string};

/** An answer of a pair: any text (a short one too, "Ottawa."), or a chat list. */
function isAnswer(value: unknown): value is string | unknown[] {
	return typeof value === 'string' || isChatList(value);
}

/** A response key's side: its polarity word ("+"/"-") or its number or letter, and the rest of its name. */
function sideOf(key: string): Side | undefined {
	const words = keyWords(key);
	const polar = words.find(word => positive.has(word) || negative.has(word));
	if (polar !== undefined) return {key, stem: words.filter(word => word !== polar).join('_'), mark: positive.has(polar) ? '+' : '-'};
	const numbered = /^(.*?[a-z])[_\- ]?(\d{1,2})$/i.exec(key) ?? /^(.*?[a-z])[_\- ]([ab])$/i.exec(key);
	return numbered === null ? undefined : {key, stem: numbered[1].toLowerCase(), mark: numbered[2].toLowerCase()};
}

function pairOf(sample: JsonObject): [Side, Side] | undefined {
	const sides = Object.keys(sample)
		.filter(key => keyFamily(key) === 'response' && isAnswer(sample[key]))
		.map(key => sideOf(key))
		.filter(side => side !== undefined);
	for (const [index, first] of sides.entries()) {
		const second = sides.slice(index + 1).find(side => side.stem === first.stem && side.mark !== first.mark);
		if (second === undefined) continue;
		if (first.mark === '-' && second.mark === '+') return [second, first];
		if ((first.mark === '+') !== (second.mark === '-')) continue;
		return [first, second];
	}

	return undefined;
}

function promptKeyOf(sample: JsonObject): string | undefined {
	return Object.keys(sample).find(key => ['prompt', 'context'].includes(keyFamily(key)) && (isProse(sample[key]) || isChatList(sample[key])));
}

/** Which side the sample's verdict chooses: 0, 1, or undefined (a tie, or none given). */
function verdictOf(sample: JsonObject, sides: [Side, Side]): {winner: 0 | 1 | undefined; key?: string} {
	if (sides[0].mark === '+') return {winner: 0};
	for (const key of verdictKeys) {
		const value = ownField(sample, key);
		if (typeof value === 'number') {
			const byMark = sides.findIndex(side => side.mark === String(value));
			if (key.includes('strength') || key.includes('overall') || value < 0 || value === 0 || byMark === -1) {
				if (value === 0) return {winner: undefined, key};
				if (key.includes('strength') || key.includes('overall') || value < 0) return {winner: value < 0 ? 0 : 1, key};
				continue;
			}

			return {winner: byMark as 0 | 1, key};
		}

		if (typeof value === 'string') {
			const named = value.trim().toLowerCase();
			const index = sides.findIndex(side => named === side.key.toLowerCase() || named === side.mark || named.endsWith(`_${side.mark}`) || named.endsWith(` ${side.mark}`));
			if (index !== -1) return {winner: index as 0 | 1, key};
			if (/^tie/.test(named)) return {winner: undefined, key};
		}
	}

	return {winner: undefined};
}

function detect(sample: JsonObject): boolean {
	return pairOf(sample) !== undefined && promptKeyOf(sample) !== undefined;
}

export const responsePair = defineFormat({
	name: 'response-pair',
	label: 'answer pair',
	detect,
	render(sample) {
		const sides = pairOf(sample)!;
		const promptKey = promptKeyOf(sample)!;
		const {winner, key} = verdictOf(sample, sides);
		const judged = sides.map((side): JudgedSide => ({name: side.key, details: [], value: sample[side.key] as string | unknown[]})) as [JudgedSide, JudgedSide];
		const prompt: Block[] = isTextOrChat(sample[promptKey]) ? textOrChatBlocks(sample[promptKey], promptKey, 'prompt') : [];
		return {
			blocks: [...prompt, ...judgedPairBlocks(judged, winner)],
			consumedKeys: [promptKey, sides[0].key, sides[1].key, ...(key === undefined ? [] : [key])],
			label: `answer pair (${sides[0].key}/${sides[1].key}${winner === undefined ? (key === undefined ? ', no verdict' : ', tie') : ''})`,
		};
	},
});
