import {quote, type SampleSignal} from './detector.js';
import {isResponseTone} from './sample-text.js';
import type {SampleText, TextBlock} from './types.js';

const blank = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;
/**
 * What an answer says something with: a letter, digit, emoji or other symbol, math or currency sign. An answer
 * with none (".", "...", "?!", "-", format characters) says nothing; an empty JSON value ("[]", "{}") does.
 */
const meaningful = /[\p{L}\p{N}\p{So}\p{Sm}\p{Sc}]/u;
const emptyValue = /^\s*(?:\[\s*\]|\{\s*\}|""|'')\s*$/;

/** A question whose answer may be punctuation alone: Morse code, a punctuation mark, a symbol, an emoticon, an operator. */
const symbolQuestion = /morse|punctuation|symbol|emoticon|kaomoji|ellipsis|\bdots?\b|\bdash(?:es)?\b|\b(?:which|what) (?:character|key)\b|\bsign\b|\bmark\b|operator|delimiter|separator|glyph|satzzeichen|zeichen|ponctuation|puntuaci|pontua|símbolo|symbole|символ|знак|пунктуац|морзе|摩尔斯|摩斯|标点|標點|符号|符號|モールス|記号|句読点/iu;

function asksForSymbols(prompt: string): boolean {
	return prompt !== '' && symbolQuestion.test(prompt);
}

/*
A whole answer that is a missing value written out as text — "null", "None", "undefined", "NaN", "nil" (quoted
or not) — is a generation or serialisation failure: a null that a script turned into a string, Python's None
formatted into the field. It is empty, unless the prompt names that same word (a question about null in
SQL, "what does print(None) show?") or asks what code outputs, returns or evaluates to, or, for "None", asks
a question "none" answers in English ("Which of these numbers are prime: 4, 6, 8?", "How many…?"). "N/A",
"n/a", "-" and "nothing" are not: "N/A" is a fair answer to a question that has none ("the ISBN of an
unpublished book"), and a dash is punctuation (above).
*/
const missingValue = /^\s*(["'`]?)(null|NULL|Null|None|undefined|NaN|nil)\1\s*$/;
const aboutCode = /\b(?:prints?|outputs?|returns?|evaluates?|results? (?:in|of)|value of|console|repl|typeof|python|javascript|js|sql|json|code|float(?:ing)?(?: point)?)\b|\d\s*[-+*/÷×^]\s*\d/i;
const noneAnswers = /\b(?:which|how many|how much|any|who|whom|what (?:is|are) (?:the )?(?:side effects|exceptions|differences))\b/i;

/** The missing value a whole answer is written as, when it is one (see above), else undefined. */
function missingValueAnswer(answer: string, prompt: string): string | undefined {
	const word = missingValue.exec(answer)?.[2];
	if (word === undefined || new RegExp(`\\b${word}\\b`, 'i').test(prompt) || aboutCode.test(prompt)) return undefined;
	return word === 'None' && noneAnswers.test(prompt) ? undefined : word;
}

/** The user turn or prompt right before block `index` (what it answers), or ''. */
function promptBefore(blocks: readonly TextBlock[], index: number): string {
	for (let at = index - 1; at >= 0; at--) if (blocks[at]!.tone === 'user' || blocks[at]!.tone === 'prompt') return blocks[at]!.text;
	return '';
}

/** A reasoning model's thinking at the start of an answer; what follows it is the answer. */
const leadingReasoning = /^[\s\u200B-\u200D\u2060\uFEFF]*<(think|thinking|reasoning)>[\s\S]*?<\/\1>/i;

/** The tones of a conversation's turns (a reference answer, a field or the tools list is not one). */
const turnTones = new Set(['user', 'assistant', 'tool', 'prompt', 'completion', 'chosen', 'rejected']);

/** Whether a reasoning block leads to an answer: the next block is one (empty or not). */
function answerAfter(blocks: readonly TextBlock[], index: number): boolean {
	const next = blocks[index + 1];
	return next !== undefined && !next.reasoning && isAnswer(next);
}

function isAnswer(block: TextBlock): boolean {
	return isResponseTone(block.tone) && !block.label.includes(' → ');
}

/**
 * Shapes whose last block is not where a conversation ends: a templated text's prompts end by opening the
 * assistant's turn (not shown) for a model to complete; a message tree (oasst2) lists its branches one after
 * another, and a branch ending on the prompter's reply ("Thanks, that helps!") is the dataset's own shape.
 */
const notEndingOnLastBlock: ReadonlySet<string> = new Set(['templated-text', 'message-tree']);

/**
 * A conversation that has answers but ends on a user turn: the last question is left unanswered. One with
 * no answer at all is a prompt (prompt-only sets are common: RL and generation inputs) and is not empty.
 */
function unansweredLastTurn(text: SampleText): TextBlock | undefined {
	if (notEndingOnLastBlock.has(text.format)) return undefined;
	const turns = text.blocks.filter(block => turnTones.has(block.tone));
	const last = turns.at(-1);
	return last?.tone === 'user' && turns.some(block => isAnswer(block)) ? last : undefined;
}

/**
 * An empty or white-space-only response or turn (a system prompt left empty does not count), an answer that is
 * only punctuation (unless the prompt asks for Morse code, a punctuation mark, a symbol or an emoticon), an answer
 * that is a missing value written out ("null", "None", "undefined", "NaN"; see above), an answer that is only a <think> block, a conversation whose last user turn has no answer, or a sample with no content.
 */
export const empty: SampleSignal = {
	name: 'empty',
	make() {
		return text => {
			if (text.blocks.length === 0) return 'empty: the sample has no content';
			for (const [index, block] of text.blocks.entries()) {
				if (block.tone === 'system' || block.label.includes(' → ') || block.untrained) continue;
				// An empty reasoning before an answer is a model that did not need to think (R1's "<think>\n\n</think>").
				if (block.reasoning && answerAfter(text.blocks, index)) continue;
				if (blank.test(block.text)) {
					if (text.blocks[index - 1]?.reasoning && !blank.test(text.blocks[index - 1].text)) return `empty: ${block.label} is only its reasoning with no answer after it`;
					return `empty: ${block.label} is ${block.text === '' ? 'empty' : 'only white space'}`;
				}
				if (isAnswer(block)) {
					if (!meaningful.test(block.text) && !emptyValue.test(block.text) && !asksForSymbols(promptBefore(text.blocks, index))) return `empty: ${block.label} is only punctuation (${quote(block.text)})`;
					const missing = block.text.length <= 12 ? missingValueAnswer(block.text, promptBefore(text.blocks, index)) : undefined;
					if (missing !== undefined) return `empty: ${block.label} is ${quote(missing)}, a missing value written out as text`;
					const reasoning = leadingReasoning.exec(block.text);
					if (reasoning && blank.test(block.text.slice(reasoning[0].length))) return `empty: ${block.label} is only its reasoning (<${reasoning[1]}>…</${reasoning[1]}>) with no answer after it`;
				}
			}

			const unanswered = unansweredLastTurn(text);
			return unanswered === undefined ? undefined : `empty: the conversation ends on a ${unanswered.label} turn with no answer`;
		};
	},
};
