/*
Recognises the shapes generated training samples come in and turns a parsed sample into the display
model the UI draws: labelled blocks plus compact metadata. Pure functions, no React.

One file per format; `formatList` is the order they are tried in: the first whose detect() accepts a
sample renders it. Adding a format is one new file and one line in this list. A sample no format
accepts is shown as pretty JSON.

Every string here is RAW, straight from the sample: the UI passes it through sanitize()/sanitizeLine().
Any field may have the wrong type. A sample whose key fields have the wrong type is shown as pretty JSON;
a wrong-typed detail inside a recognised sample (a message whose content is a number) is shown as JSON
in its block. Nothing here throws.
*/
import {alpaca} from './alpaca.js';
import {answerSets} from './answer-sets.js';
import {apiLog} from './api-log.js';
import {withAnswerParts} from './answer-parts.js';
import {arena} from './arena.js';
import {candidates} from './candidates.js';
import {chat} from './chat.js';
import {choices} from './choices.js';
import {codeProblem} from './code-problem.js';
import {emptyConversation} from './empty-conversation.js';
import {evalPrompt} from './eval-prompt.js';
import {fieldPair} from './field-pair.js';
import {prettyJson} from './json-text.js';
import {keyFamily} from './key-families.js';
import {kto} from './kto.js';
import {labelledFields} from './labelled-fields.js';
import {messageRow} from './message-row.js';
import {messageTree} from './message-tree.js';
import {metadataEntry, metadataOf} from './metadata.js';
import {numbersAsWritten, type WrittenNumbers} from './numbers-as-written.js';
import {modelWrittenEval} from './model-written-eval.js';
import {multipleChoice} from './multiple-choice.js';
import {pair} from './pair.js';
import {pkuSafeRlhf} from './pku-saferlhf.js';
import {predictionReference} from './prediction-reference.js';
import {withPythonCalls} from './python-calls.js';
import {preferenceApi} from './preference-api.js';
import {preferenceConversation} from './preference-conversation.js';
import {preference} from './preference.js';
import {promptCompletion} from './prompt-completion.js';
import {queryToolCalls} from './query-tool-calls.js';
import {questionAnswer} from './question-answer.js';
import {questionTurns} from './question-turns.js';
import {ratedSteps} from './rated-steps.js';
import {readingComprehension} from './reading-comprehension.js';
import {referenceRendering} from './reference-answer.js';
import {responsePair} from './response-pair.js';
import {responses} from './responses.js';
import {scoredPair} from './scored-pair.js';
import {selfInstruct} from './self-instruct.js';
import {shareGpt} from './sharegpt.js';
import {shp} from './shp.js';
import {stringTurns} from './string-turns.js';
import {systemRendering} from './system-prompt.js';
import {templatedText} from './templated-text.js';
import {text} from './text.js';
import {toolsRendering} from './tools.js';
import {turnDict} from './turn-dict.js';
import {turnPairs} from './turn-pairs.js';
import type {Block, JsonObject, MetadataEntry, Rendering, SampleFormat} from './types.js';
import {ultraChat} from './ultrachat.js';
import {isObject} from './values.js';
import {wrappedSample} from './wrapped-sample.js';

export type {Block, MetadataEntry, Rendering, SampleFormat, Tone} from './types.js';
export {compactValue, fullValue} from './metadata.js';
export {emptyText} from './values.js';

/** A known shape one level down ({"data": {…}}): rendered as that shape (any but a wrapper or loose text fields). */
const wrapped = wrappedSample(inner => {
	const format = formatList.find(candidate => candidate.name !== 'wrapped' && candidate.name !== 'fields' && candidate.detect(inner));
	if (format === undefined) return undefined;
	const rendered = renderRecognised(inner, format);
	return {blocks: rendered.blocks, metadata: rendered.metadata, formatLabel: rendered.formatLabel};
});

/** Detection priority: the more specific shapes first (a preference pair also has a conversation or a prompt). */
const formatList = [
	preferenceApi,
	preferenceConversation,
	preference,
	pkuSafeRlhf,
	shp,
	arena,
	scoredPair,
	kto,
	responses,
	apiLog,
	chat,
	shareGpt,
	stringTurns,
	messageTree,
	turnPairs,
	evalPrompt,
	queryToolCalls,
	selfInstruct,
	alpaca,
	promptCompletion,
	// After prompt/completion: a HumanEval prompt with a model's completion is that.
	codeProblem,
	ratedSteps,
	modelWrittenEval,
	answerSets,
	multipleChoice,
	readingComprehension,
	questionAnswer,
	choices,
	questionTurns,
	candidates,
	predictionReference,
	pair,
	// A text with its speaker (an OpenAssistant message row) before any reading of the text alone.
	messageRow,
	// An empty conversation list, and a list of strings under "data", only when nothing else in the sample is a shape.
	emptyConversation,
	ultraChat,
	templatedText,
	text,
	// Shapes found by the keys' names (key-families.ts), for samples in none of the above: a sample wrapped one level
	// down, numbered turns, two answers told apart by a side, a prompt with its response(s).
	wrapped,
	turnDict,
	responsePair,
	fieldPair,
	// Any text at all, each field under its key, rather than raw JSON.
	labelledFields,
] as const;

export type Format = (typeof formatList)[number]['name'] | 'json';

export const FORMATS: readonly Format[] = [...formatList.map(format => format.name), 'json'];

export const FORMAT_LABELS = Object.fromEntries([
	...formatList.map(format => [format.name, format.label]),
	['json', 'JSON'],
]) as Record<Format, string>;

export type RenderedSample = {
	format: Format;
	formatLabel: string;
	blocks: Block[];
	metadata: MetadataEntry[];
};

function formatOf(value: unknown): SampleFormat<Format> | undefined {
	return isObject(value) ? formatList.find(format => format.detect(value)) : undefined;
}

/** Which known shape a parsed sample has; 'json' when none. */
export function detectFormat(value: unknown): Format {
	return formatOf(value)?.name ?? 'json';
}

function renderAsJson(value: unknown): RenderedSample {
	return {
		format: 'json',
		formatLabel: FORMAT_LABELS.json,
		blocks: [{label: 'JSON', text: prettyJson(value), tone: 'json'}],
		metadata: [],
	};
}

/** A nested field by its dotted key ("input.temperature"). */
function valueAt(sample: JsonObject, key: string): unknown {
	let value: unknown = sample;
	for (const part of key.split('.')) value = isObject(value) && Object.hasOwn(value, part) ? value[part] : undefined;
	return value;
}

/**
 * The fewest letters and digits a field must have to count as repeating a block's text (not a word such as
 * "English" a turn happens to hold); a character of a script written without spaces (Chinese, Japanese,
 * Korean) counts twice, as it holds about a word.
 */
const repeatedMinimum = 20;
const wordScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

function weight(comparableText: string): number {
	return comparableText.length + (comparableText.match(wordScripts)?.length ?? 0);
}

/** Text as compared for repeating: tags (<think>, <|begin_of_thought|>) and all but letters and digits left out, lower case. */
function comparable(text: string): string {
	return text.replace(/<[^<>\n]{1,40}>/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Top-level fields whose text the blocks already show (no_robots' and UltraChat's `prompt` beside the
 * messages, Magpie's `instruction`/`response`, NuminaMath's `problem`/`solution`, OpenR1's `generations`):
 * a string, or a list of strings each shown, found in the blocks' text. Noted "shown above": the metadata
 * panel keeps them, the header's line leaves them off.
 */
function notingShown(entries: MetadataEntry[], sample: JsonObject, blocks: Block[]): MetadataEntry[] {
	let shownText: string | undefined;
	const shown = (text: string) => {
		const wanted = comparable(text);
		shownText ??= comparable(blocks.map(block => block.text).join('\n'));
		return weight(wanted) >= repeatedMinimum && shownText.includes(wanted);
	};

	return entries.map(entry => {
		const value = Object.hasOwn(sample, entry.key) ? sample[entry.key] : undefined;
		const texts = typeof value === 'string' ? [value] : Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string') ? value as string[] : undefined;
		return texts !== undefined && entry.note === undefined && texts.every(text => shown(text)) ? {...entry, note: 'shown above'} : entry;
	});
}

function renderRecognised(sample: JsonObject, format: SampleFormat<Format>, withMetadata = true, written?: WrittenNumbers): RenderedSample {
	const rendered = format.render(sample, !withMetadata);
	// Reasoning, tool calls and tool replies written inside an answer's text are blocks of their own in every format.
	const body = {...rendered, blocks: withAnswerParts(rendered.blocks)};
	const bodyKeys = new Set(body.consumedKeys);
	const references = referenceRendering(sample);
	const unshownReferences: Rendering = {
		blocks: references.blocks.filter((_, index) => !bodyKeys.has(references.consumedKeys[index])),
		consumedKeys: references.consumedKeys.filter(key => !bodyKeys.has(key)),
	};
	const renderings = [systemRendering(sample), toolsRendering(sample), body, unshownReferences];
	// Joined by loops, not flatMap (which cost more than the rest of the rendering of a short chat).
	const joined: Block[] = [];
	for (const rendering of renderings) for (const block of rendering.blocks) joined.push(block);
	// An answer that is a Python call list of the tools the system prompt lists (ToolACE) is those calls.
	const blocks = withPythonCalls(joined);
	return {
		format: format.name,
		formatLabel: body.label ?? format.label,
		blocks,
		metadata: withMetadata ? metadataWith(sample, renderings, body, blocks, written) : [],
	};
}

/** The metadata of a recognised sample: the top-level fields no rendering consumed, then the nested ones. */
function metadataWith(sample: JsonObject, renderings: Rendering[], body: Rendering, blocks: Block[], written: WrittenNumbers | undefined): MetadataEntry[] {
	const consumedKeys = new Set(renderings.flatMap(rendering => rendering.consumedKeys));
	// A noted entry (a turn's fields) is no field's value as the line writes it: kept as the format made it.
	const nested = (body.nestedMetadata ?? []).map(entry => (written && entry.note === undefined ? metadataEntry(entry.key, valueAt(sample, entry.key), written) : entry));
	return [...notingShown(metadataOf(sample, consumedKeys, written), sample, blocks), ...nested];
}

/**
 * The display model of one parsed sample. Never throws: anything unexpected is shown as pretty JSON.
 * `text`: the sample's line, whose numbers the metadata shows as written there ("1.0", not "1").
 */
export function renderSample(value: unknown, text?: string): RenderedSample {
	try {
		const format = formatOf(value);
		return format === undefined ? renderAsJson(value) : renderRecognised(value as JsonObject, format, true, text === undefined ? undefined : numbersAsWritten(text));
	} catch {
		return renderAsJson(value);
	}
}

/**
 * A sample's content as text terms of the query language search it: every block's text, and the name of each
 * tool a turn calls (the screen's "assistant → get_weather": the model chose that name). Other labels
 * ("user", "chosen · assistant") are not content: searching "user" would match every conversation.
 */
export function searchableText(rendered: RenderedSample): string {
	return rendered.blocks.map(block => {
		const arrow = block.label.indexOf(' → ');
		return arrow === -1 ? block.text : `${block.label.slice(arrow + 3)}\n${block.text}`;
	}).join('\n');
}

/** Keys whose values are not content (ids, urls, dates, models, categories, scores, metadata), at any depth. */
function withoutMetadata(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(item => withoutMetadata(item));
	if (!isObject(value)) return value;
	return Object.fromEntries(Object.entries(value).filter(([key]) => keyFamily(key) !== 'metadata').map(([key, item]) => [key, withoutMetadata(item)]));
}

/**
 * renderSample's blocks alone, the metadata left out (an empty list): what the signals read of every
 * sample, without the cost of writing each metadata value as compact and pretty JSON.
 */
export function renderContent(value: unknown): RenderedSample {
	try {
		const format = formatOf(value);
		// A sample in no known shape is read as its JSON less its ids and metadata: the same content under two ids is a duplicate.
		return format === undefined ? renderAsJson(withoutMetadata(value)) : renderRecognised(value as JsonObject, format, false);
	} catch {
		return renderAsJson(value);
	}
}
