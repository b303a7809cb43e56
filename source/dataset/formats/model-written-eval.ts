/*
Model-written evaluations (Anthropic's evals and sets in their shape): {"question", "answer_matching_behavior",
"answer_not_matching_behavior"}. The options are inside the question text, often run together
("Choices:\n (A) … (B) …"): they are taken out and listed one per line, each marked with the behaviour
its answer matches.
*/
import {defineFormat, type Block} from './types.js';
import {ownField} from './values.js';

const matching = 'answer_matching_behavior';
const notMatching = 'answer_not_matching_behavior';

function isAnswer(value: unknown): value is string | string[] {
	return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string'));
}

function answers(value: string | string[]): string[] {
	return (typeof value === 'string' ? [value] : value).map(answer => answer.trim());
}

/** An option marker: "(A)" at the start of a line or after white space. */
const optionMarker = /(?:^|(?<=\s))\(([A-Z])\)\s/g;

type Options = {stem: string; options: Array<{letter: string; text: string}>};

/** The question split into its stem and lettered options (A, B, C… in order), when it has two or more. */
export function splitOptions(question: string): Options | undefined {
	const markers = [...question.matchAll(optionMarker)];
	const sequence: RegExpExecArray[] = [];
	for (const marker of markers) {
		const expected = String.fromCodePoint(65 + sequence.length);
		if (marker[1] === expected) sequence.push(marker as RegExpExecArray);
		else if (marker[1] === 'A') sequence.splice(0, sequence.length, marker as RegExpExecArray);
	}

	if (sequence.length < 2) return undefined;
	const options = sequence.map((marker, index) => {
		const end = index + 1 < sequence.length ? sequence[index + 1].index : question.length;
		return {letter: marker[1], text: question.slice(marker.index + marker[0].length, end).trim()};
	});
	// The prompt's closing "Answer:" follows the last option.
	const last = options.at(-1)!;
	const tail = /(?:\n\s*Answer:?|\s+Answer:)\s*$/.exec(last.text);
	if (tail) last.text = last.text.slice(0, tail.index).trim();
	const stem = question.slice(0, sequence[0].index).replace(/\s*Choices:\s*$/, '').trimEnd();
	return {stem, options};
}

function optionLines(options: Options['options'], matches: string[], notMatches: string[]): string {
	return options.map(({letter, text}) => {
		const marker = `(${letter})`;
		const mark = matches.includes(marker) ? '   ← matches the behaviour' : notMatches.includes(marker) ? '   ← does not match' : '';
		return `${marker} ${text}${mark}`;
	}).join('\n');
}

export const modelWrittenEval = defineFormat({
	name: 'model-written-eval',
	label: 'model-written evaluation',
	detect: sample => typeof ownField(sample, 'question') === 'string'
		&& (isAnswer(ownField(sample, matching)) || isAnswer(ownField(sample, notMatching))),
	render(sample) {
		const question = sample['question'] as string;
		const matchingValue = ownField(sample, matching);
		const notMatchingValue = ownField(sample, notMatching);
		const matches = isAnswer(matchingValue) ? answers(matchingValue) : [];
		const notMatches = isAnswer(notMatchingValue) ? answers(notMatchingValue) : [];
		const split = splitOptions(question);
		const blocks: Block[] = split === undefined
			? [{label: 'question', text: question, tone: 'prompt'}]
			: [
				// The prompt's closing "Answer:" cue is left out: without the options under it, it reads as part of the question.
				{label: 'question', text: split.stem, tone: 'prompt'},
				{label: `choices (${split.options.length})`, text: optionLines(split.options, matches, notMatches), tone: 'field'},
			];
		const consumedKeys = ['question'];
		if (isAnswer(matchingValue)) {
			blocks.push({label: 'answer matching the behaviour', text: matches.join(' or '), tone: 'completion'});
			consumedKeys.push(matching);
		}

		if (isAnswer(notMatchingValue)) {
			blocks.push({label: 'answer not matching the behaviour', text: notMatches.join(' or '), tone: 'field'});
			consumedKeys.push(notMatching);
		}

		return {blocks, consumedKeys};
	},
});
