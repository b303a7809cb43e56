import type {SignalConfig} from './config.js';
import type {SampleText, SignalName} from './types.js';

/**
 * A signal judged on one sample alone: made once per configuration (phrase lists compiled), then
 * called for each sample. Returns the reason shown to the reviewer, or undefined.
 */
export type SampleDetector = (text: SampleText) => string | undefined;

export type SampleSignal = {
	name: SignalName;
	make(config: SignalConfig): SampleDetector;
};

/**
 * What a reason calls response `index`: "the chosen answer" and "the rejected answer" of a pair, else "the response"
 * ("response 2 of 3" among several answers);
 * a model's reasoning is "the reasoning" ("the chosen answer's reasoning").
 */
export function responseName(text: SampleText, index: number): string {
	const tone = text.responseTones[index];
	// Among several answers (a chat's turns, candidate completions), which one: "response 2 of 3".
	const answers = text.responseKinds.filter(kind => kind === 'answer').length;
	const position = text.responseKinds.slice(0, index + 1).filter(kind => kind === 'answer').length;
	const several = answers > 1 && text.responseKinds[index] === 'answer' ? `response ${position} of ${answers}` : 'the response';
	const answer = tone === 'chosen' ? 'the chosen answer' : tone === 'rejected' ? 'the rejected answer' : several;
	if (text.responseKinds[index] === 'answer') return answer;
	return answer === 'the response' ? 'the reasoning' : `${answer}'s reasoning`;
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of literal phrases, longest first (so the longest of two overlapping ones is reported). */
export function alternation(phrases: readonly string[]): string {
	return [...new Set(phrases)].sort((first, second) => second.length - first.length).map(phrase => escapeRegExp(phrase)).join('|');
}

/** A phrase for a reason line: in quotes, cut to 60 characters, on one line. */
export function quote(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return `"${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}"`;
}

export function percent(fraction: number): string {
	return `${Math.round(fraction * 100)}%`;
}
