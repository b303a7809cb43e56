/*
Multiple-choice questions (MMLU, ARC, generated quizzes): a question, its options — `choices` or `options`,
as a list, as {"text": […], "label": […]} or as {"A": …, "B": …} — and the answer as an index, a letter
or the option's text. The options are listed one per line, lettered, the answer marked.
SciQ's shape — the correct answer as text beside wrong ones under numbered keys ({"question", "correct_answer",
"distractor1", "distractor2", "distractor3", "support"}) — is read the same way: the correct answer first among the
options, and as the answer block in its own words (what a refusal or a loop would be in); the supporting passage
(`support`, `context`, `passage`) is shown before the question.
*/
import {compactJson} from './json-text.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, isObject, ownField, turnText} from './values.js';

type Option = {letter: string; text: string};

const questionKeys = ['question', 'question_stem', 'query'] as const;
const answerKeys = ['answer', 'answerKey', 'answer_key', 'correct_answer', 'correct', 'label', 'gold'] as const;
const explanationKeys = ['explanation', 'rationale', 'reasoning', 'solution'] as const;

function optionText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function letter(index: number): string {
	return index < 26 ? String.fromCodePoint(65 + index) : String(index + 1);
}

function optionsFrom(value: unknown): Option[] | undefined {
	if (Array.isArray(value)) {
		const texts = value.map(item => optionText(item));
		return texts.length >= 2 && texts.every(text => text !== undefined) ? texts.map((text, index) => ({letter: letter(index), text: text!})) : undefined;
	}

	if (!isObject(value)) return undefined;
	const {text, label} = value;
	if (Array.isArray(text) && text.length >= 2 && text.every(item => typeof item === 'string')) {
		const labels = Array.isArray(label) && label.length === text.length ? label : [];
		return (text as string[]).map((item, index) => ({letter: typeof labels[index] === 'string' ? labels[index] as string : letter(index), text: item}));
	}

	const entries = Object.entries(value);
	const byLetter = entries.length >= 2 && entries.every(([key, item]) => /^[A-Za-z\d]{1,2}$/.test(key) && optionText(item) !== undefined);
	return byLetter ? entries.map(([key, item]) => ({letter: key, text: optionText(item)!})) : undefined;
}

const wrongKey = /^(?:distractor|incorrect_answer|wrong_answer|false_answer)[_ ]?(\d+)$/i;
const correctKeys = ['correct_answer', 'correct', 'answer', 'right_answer'] as const;
const contextKeys = ['support', 'context', 'passage'] as const;

/** SciQ's options: the correct answer's text and the wrong ones under numbered keys, in their number's order. */
function distractorsOf(sample: JsonObject): {correctKey: string; wrongKeys: string[]} | undefined {
	const correctKey = firstStringKey(sample, correctKeys);
	if (correctKey === undefined) return undefined;
	const wrongKeys = Object.keys(sample)
		.filter(key => wrongKey.test(key) && typeof sample[key] === 'string')
		.sort((first, second) => Number(wrongKey.exec(first)![1]) - Number(wrongKey.exec(second)![1]));
	return wrongKeys.length === 0 ? undefined : {correctKey, wrongKeys};
}

function optionsOf(sample: JsonObject): {key: string; options: Option[]} | undefined {
	for (const key of ['choices', 'options']) {
		const options = optionsFrom(ownField(sample, key));
		if (options !== undefined) return {key, options};
	}

	return undefined;
}

function distractorRendering(sample: JsonObject, questionKey: string, {correctKey, wrongKeys}: {correctKey: string; wrongKeys: string[]}) {
	const texts = [correctKey, ...wrongKeys].map(key => sample[key] as string);
	const contextKey = firstStringKey(sample, contextKeys);
	const blocks: Block[] = [
		...(contextKey !== undefined && (sample[contextKey] as string).trim() !== '' ? [{label: contextKey, text: sample[contextKey] as string, tone: 'prompt' as const}] : []),
		{label: questionKey === 'question' ? 'question' : `question (${questionKey})`, text: sample[questionKey] as string, tone: 'prompt'},
		{label: `options (${texts.length})`, text: texts.map((text, index) => `(${letter(index)}) ${text}${index === 0 ? '   ← answer' : ''}`).join('\n'), tone: 'field'},
		{label: `answer (A, ${correctKey})`, text: turnText(texts[0]), tone: 'completion'},
	];
	return {blocks, consumedKeys: [questionKey, correctKey, ...wrongKeys, ...(contextKey === undefined ? [] : [contextKey])], label: 'multiple choice (correct answer and distractors)'};
}

/** Which option the answer names: by index (0-based), by letter, or by its text. */
function answerIndex(answer: unknown, options: Option[]): number {
	if (typeof answer === 'number' && Number.isInteger(answer)) return answer >= 0 && answer < options.length ? answer : -1;
	if (typeof answer !== 'string') return -1;
	const trimmed = answer.trim().replace(/^\((.+)\)$/, '$1');
	const byLetter = options.findIndex(option => option.letter.toLowerCase() === trimmed.toLowerCase());
	if (byLetter !== -1) return byLetter;
	const byText = options.findIndex(option => option.text.trim() === trimmed);
	if (byText !== -1) return byText;
	return /^\d+$/.test(trimmed) && Number(trimmed) < options.length ? Number(trimmed) : -1;
}

export const multipleChoice = defineFormat({
	name: 'multiple-choice',
	label: 'multiple choice',
	detect: sample => firstStringKey(sample, questionKeys) !== undefined && (optionsOf(sample) !== undefined || distractorsOf(sample) !== undefined),
	render(sample) {
		const questionKey = firstStringKey(sample, questionKeys)!;
		const found = optionsOf(sample);
		if (found === undefined) return distractorRendering(sample, questionKey, distractorsOf(sample)!);
		const {key: optionsKey, options} = found;
		const answerKey = answerKeys.find(key => ownField(sample, key) !== undefined);
		const answer = answerKey === undefined ? -1 : answerIndex(sample[answerKey], options);
		const blocks: Block[] = [
			{label: questionKey === 'question' ? 'question' : `question (${questionKey})`, text: sample[questionKey] as string, tone: 'prompt'},
			{
				label: `options (${options.length})`,
				text: options.map((option, index) => `(${option.letter}) ${option.text}${index === answer ? '   ← answer' : ''}`).join('\n'),
				tone: 'field',
			},
		];
		const consumedKeys = [questionKey, optionsKey];
		if (answerKey !== undefined) {
			const given = sample[answerKey];
			const text = answer === -1
				? `${typeof given === 'string' ? given : compactJson(given)} (not one of the options)`
				: `(${options[answer].letter}) ${options[answer].text}`;
			blocks.push({label: 'answer', text, tone: 'completion'});
			consumedKeys.push(answerKey);
		}

		const explanationKey = firstStringKey(sample, explanationKeys);
		if (explanationKey !== undefined) {
			blocks.push({label: explanationKey, text: sample[explanationKey] as string, tone: 'completion'});
			consumedKeys.push(explanationKey);
		}

		return {blocks, consumedKeys};
	},
});
