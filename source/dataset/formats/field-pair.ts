/*
A prompt and its response(s) found by the keys' names (key-families.ts), for samples in no known shape: any
prompt-like key (prompt, instruction, question, problem, post, content, title, …; `INSTRUCTION` too) with any
response-like key (response, label, generation, generated_solution, long_answer, summary, highlights, tldr, …).
OpenAI's TL;DR {"prompt", "label"}, OpenMathInstruct {"problem", "generated_solution"}, distilabel {"instruction",
"generation"}, Zhihu-KOL {"INSTRUCTION", "RESPONSE"}, webis TL;DR {"content", "summary"} are read alike, and so are
combinations no one has named yet. Also read:
- context beside the question (PubMedQA's `context: {contexts: […]}`, `passage`, `support`): a prompt block of its own,
  before the question;
- answers as a list of texts, as {"text": […], "score": […]} (ELI5) or as a list of {"text", …} objects
  (summarize_from_feedback's `summaries`): one response block each, details (score, policy) in the label; a
  `choice`/`winner`/`preferred` index among them makes that one chosen and the others rejected;
- a prompt one level down when the top level has none (summarize_from_feedback's `info.post`).
Texts repeated under several prompt keys (webis' body, normalizedBody, content) are shown once. A short value under
a response-like key ("yes", "72") is the response only when there is no prose one; else it stays metadata, as do
ids, urls, dates, model names and categories. An answer key holding null or "" (`"generation": null`) and no other
answer is the response, shown as `(empty)`. Other prose fields are shown as field blocks.
*/
import {chatBlocks, isChatList} from './messages.js';
import {metadataEntry} from './metadata.js';
import {isProse, keyFamily, keyWords} from './key-families.js';
import {referenceKeys} from './reference-answer.js';
import {defineFormat, type Block, type JsonObject, type MetadataEntry, type Rendering} from './types.js';
import {isObject, ownField, turnText, withDetails} from './values.js';

type Answer = {label: string; text: string};

const textKeys = ['text', 'content', 'response', 'answer', 'output', 'summary', 'completion', 'value', 'body'] as const;
const selectorKeys = ['choice', 'winner', 'preferred', 'preference', 'best', 'chosen_index', 'best_index', 'selected'] as const;
const references: ReadonlySet<string> = new Set(referenceKeys);
/**
 * Response words that name the answer itself: such a key holding null or "" is an answer never written, shown as
 * `(empty)` when the sample has no other. A null `label`, `decision` or `explanation` is only a field left unset.
 */
const answerWords: ReadonlySet<string> = new Set([
	'response', 'responses', 'resp', 'answer', 'answers', 'ans', 'output', 'outputs', 'completion', 'completions', 'generation',
	'generations', 'generated', 'solution', 'solutions', 'reply', 'replies', 'assistant', 'gpt', 'bot', 'chatbot', 'continuation',
]);

function isUnwrittenAnswer(key: string, value: unknown): boolean {
	return (value === null || (typeof value === 'string' && value.trim() === '')) && keyWords(key).some(word => answerWords.has(word));
}

function scalarDetail(key: string, value: unknown): string | undefined {
	if (typeof value === 'number' || typeof value === 'boolean') return `${key} ${String(value)}`;
	return typeof value === 'string' && value !== '' && value.length <= 40 && !isProse(value) ? `${key} ${value}` : undefined;
}

function textOfItem(item: unknown): {text: string; details: string[]} | undefined {
	if (typeof item === 'string') return {text: item, details: []};
	if (!isObject(item)) return undefined;
	const key = textKeys.find(name => typeof ownField(item, name) === 'string');
	if (key === undefined) return undefined;
	const details = Object.keys(item).filter(name => name !== key).map(name => scalarDetail(name, item[name])).filter(detail => detail !== undefined);
	return {text: item[key] as string, details};
}

/** A response-like value holding several answers: a list of texts or {text} objects, or ELI5's {"text": […], "score": […]}. */
function answersOf(key: string, value: unknown): Answer[] | undefined {
	let items: unknown[] | undefined;
	let parallel: Array<[string, unknown[]]> = [];
	if (Array.isArray(value)) items = value;
	else if (isObject(value)) {
		const listKey = textKeys.find(name => Array.isArray(ownField(value, name)));
		if (listKey !== undefined) {
			items = value[listKey] as unknown[];
			parallel = Object.entries(value).filter((entry): entry is [string, unknown[]] => entry[0] !== listKey && !/(?:^|_)ids?$/i.test(entry[0]) && Array.isArray(entry[1]) && entry[1].length === items!.length);
		}
	}

	if (items === undefined || items.length === 0) return undefined;
	const texts = items.map(item => textOfItem(item));
	if (!texts.every(text => text !== undefined) || !texts.some(text => isProse(text!.text))) return undefined;
	return texts.map((text, index) => {
		const details = [...text!.details, ...parallel.map(([name, list]) => scalarDetail(name.replace(/s$/, ''), list[index]))];
		return {label: withDetails(`${key}[${index}]`, details), text: text!.text};
	});
}

/** Context kept as a list of passages, or as an object holding one (PubMedQA's {"contexts": […], "labels": […]}). */
function contextText(value: unknown): {text: string; listKey?: string} | undefined {
	if (isProse(value)) return {text: value};
	if (Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string') && value.some(item => isProse(item))) return {text: (value as string[]).join('\n\n')};
	if (!isObject(value)) return undefined;
	for (const [key, item] of Object.entries(value)) {
		if (keyFamily(key) !== 'context' && keyFamily(key) !== 'prompt') continue;
		const inner = contextText(item);
		if (inner !== undefined && inner.listKey === undefined) return {text: inner.text, listKey: key};
	}

	return undefined;
}

type Found = {
	prompts: Block[];
	fields: Block[];
	answers: Answer[];
	/** The answers' verdict: the index of the chosen one. */
	chosen?: number;
	consumed: string[];
	nested: MetadataEntry[];
	promptKey?: string;
	answerKey?: string;
};

/** Prompt-like prose one level down (summarize_from_feedback's info.post) when the top level has none. */
function nestedPrompts(sample: JsonObject, found: Found) {
	for (const [key, value] of Object.entries(sample)) {
		if (!isObject(value) || found.consumed.includes(key)) continue;
		const names = Object.keys(value).filter(name => ['prompt', 'context'].includes(keyFamily(name)) && isProse(value[name]));
		if (names.length === 0) continue;
		for (const name of names) found.prompts.push({label: `${key}.${name}`, text: value[name] as string, tone: 'prompt'});
		found.consumed.push(key);
		found.promptKey ??= `${key}.${names[0]}`;
		for (const name of Object.keys(value)) if (!names.includes(name)) found.nested.push(metadataEntry(`${key}.${name}`, value[name]));
		return;
	}
}

function selectedIndex(sample: JsonObject, count: number): {index: number; key: string} | undefined {
	for (const key of selectorKeys) {
		const value = ownField(sample, key);
		const index = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
		if (Number.isInteger(index) && index >= 0 && index < count) return {index, key};
	}

	return undefined;
}

export function findFieldPair(sample: JsonObject): Found | undefined {
	const found: Found = {prompts: [], fields: [], answers: [], consumed: [], nested: []};
	const seenPrompts = new Set<string>();
	const contextBlocks = new Set<Block>();
	const shortAnswers: Array<[string, string]> = [];
	let unwrittenAnswer: string | undefined;
	let answerList: string | undefined;
	for (const [key, value] of Object.entries(sample)) {
		const family = keyFamily(key);
		if (family === 'prompt' || family === 'context') {
			if (isChatList(value) && family === 'prompt') {
				found.prompts.push(...chatBlocks(value));
				found.consumed.push(key);
				found.promptKey ??= key;
				continue;
			}

			const context = contextText(value);
			if (context === undefined) continue;
			found.consumed.push(key);
			// The same text under several keys (body, normalizedBody, content): shown once.
			if (seenPrompts.has(context.text.trim())) continue;
			seenPrompts.add(context.text.trim());
			const block: Block = {label: context.listKey === undefined ? key : `${key}.${context.listKey}`, text: context.text, tone: 'prompt'};
			// A passage is read before the question it goes with, whatever the sample's order.
			if (family === 'context') {
				const firstPrompt = found.prompts.findIndex(shown => !contextBlocks.has(shown));
				found.prompts.splice(firstPrompt === -1 ? found.prompts.length : firstPrompt, 0, block);
				contextBlocks.add(block);
			} else found.prompts.push(block);
			found.promptKey ??= key;
			if (context.listKey !== undefined && isObject(value)) {
				for (const name of Object.keys(value)) if (name !== context.listKey) found.nested.push(metadataEntry(`${key}.${name}`, value[name]));
			}
		} else if (family === 'response' && !references.has(key)) {
			if (isProse(value)) {
				found.answers.push({label: key, text: value});
				found.consumed.push(key);
				found.answerKey ??= key;
				continue;
			}

			const answers = answerList === undefined ? answersOf(key, value) : undefined;
			if (answers !== undefined) {
				found.answers.push(...answers);
				found.consumed.push(key);
				found.answerKey ??= key;
				if (answers.length > 1) answerList = key;
			} else if (typeof value === 'string' && value.trim() !== '') shortAnswers.push([key, value]);
			else if (isUnwrittenAnswer(key, value)) unwrittenAnswer ??= key;
		} else if (family === 'other' && isProse(value)) {
			found.fields.push({label: key, text: value, tone: 'field'});
			found.consumed.push(key);
		}
	}

	if (found.prompts.length === 0) nestedPrompts(sample, found);
	if (found.answers.length === 0 && shortAnswers.length > 0) {
		const [key, text] = shortAnswers[0];
		found.answers.push({label: key, text});
		found.consumed.push(key);
		found.answerKey = key;
	} else if (found.answers.length === 0 && unwrittenAnswer !== undefined) {
		found.answers.push({label: unwrittenAnswer, text: ''});
		found.consumed.push(unwrittenAnswer);
		found.answerKey = unwrittenAnswer;
	}

	if (found.prompts.length === 0 || found.answers.length === 0) return undefined;
	if (answerList !== undefined && found.answers.length >= 2) {
		const selected = selectedIndex(sample, found.answers.length);
		if (selected !== undefined) {
			found.chosen = selected.index;
			found.consumed.push(selected.key);
		}
	}

	return found;
}

function answerBlocks(found: Found): Block[] {
	if (found.chosen === undefined) return found.answers.map(answer => ({label: answer.label, text: turnText(answer.text), tone: 'completion'}));
	const chosen = found.answers[found.chosen];
	return [
		{label: `chosen · ${chosen.label}`, text: turnText(chosen.text), tone: 'chosen'},
		...found.answers.filter((_, index) => index !== found.chosen).map((answer): Block => ({label: `rejected · ${answer.label}`, text: turnText(answer.text), tone: 'rejected'})),
	];
}

export function fieldPairRendering(found: Found): Rendering {
	return {
		blocks: [...found.prompts, ...found.fields, ...answerBlocks(found)],
		consumedKeys: found.consumed,
		nestedMetadata: found.nested,
		label: `prompt/response (${found.promptKey}/${found.answerKey})`,
	};
}

export const fieldPair = defineFormat({
	name: 'field-pair',
	label: 'prompt/response',
	detect: sample => findFieldPair(sample) !== undefined,
	render: sample => fieldPairRendering(findFieldPair(sample)!),
});
