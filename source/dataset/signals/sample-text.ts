import {emptyText, renderContent, type Block, type Tone} from '../formats/index.js';
import {normaliseForPhrases, tokenize, type Tokens} from './text.js';
import type {ResponseKind, SampleText, TextBlock} from './types.js';

/** Tones of the blocks a model wrote. */
const responseTones: ReadonlySet<Tone> = new Set(['assistant', 'completion', 'chosen', 'rejected']);

export function isResponseTone(tone: Tone): boolean {
	return responseTones.has(tone);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** finish_reason "length" at the top level or in a choices[] item; Anthropic's stop_reason "max_tokens". */
function objectStoppedAtLength(object: Record<string, unknown>): boolean {
	if (object['finish_reason'] === 'length' || object['stop_reason'] === 'max_tokens') return true;
	const choices = object['choices'];
	return Array.isArray(choices) && choices.some(choice => isObject(choice) && choice['finish_reason'] === 'length');
}

/** The sample's own finish, or a logged API response's: `response` ({choices}), a batch output's `response.body`. */
function stoppedAtLength(sample: unknown): boolean {
	if (!isObject(sample)) return false;
	if (objectStoppedAtLength(sample)) return true;
	const response = sample['response'];
	if (!isObject(response)) return false;
	return objectStoppedAtLength(response) || (isObject(response['body']) && objectStoppedAtLength(response['body']));
}

/** Top-level fields that name what a sample's text is about: an image (LLaVA, ShareGPT4V, the_cauldron), a video, a sound. */
const mediaKeys = ['image', 'images', 'image_path', 'image_paths', 'image_file', 'image_url', 'image_id', 'img', 'img_path', 'video', 'videos', 'video_path', 'audio', 'audio_path'] as const;
/** A long inline value (base64 bytes) is told apart by its opening and length, not read whole. */
const mediaShownLength = 512;

function mediaReference(value: unknown): string | undefined {
	if (typeof value === 'string') return value.length > mediaShownLength ? `${value.slice(0, mediaShownLength)}…${value.length}` : value;
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value)) {
		const parts = value.map(item => mediaReference(item)).filter(part => part !== undefined);
		return parts.length === 0 ? undefined : parts.join('\n');
	}

	// Hugging Face's image feature: {"bytes", "path"}; others {"url"} or {"src"}.
	if (isObject(value)) return mediaReference(value['path'] ?? value['url'] ?? value['src'] ?? value['bytes']);
	return undefined;
}

function mediaOf(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	const parts: string[] = [];
	for (const key of mediaKeys) {
		const reference = Object.hasOwn(value, key) ? mediaReference(value[key]) : undefined;
		if (reference !== undefined && reference !== '') parts.push(`${key}=${reference}`);
	}

	return parts.length === 0 ? undefined : parts.join('\n');
}

/** A reasoning block's kind: answered when the answer it leads to (the next block, a response) says something. */
function reasoningKind(blocks: readonly Block[], index: number): ResponseKind {
	const next = blocks[index + 1];
	const answered = next !== undefined && !next.reasoning && isResponseTone(next.tone) && !next.label.includes(' → ') && next.text !== emptyText && next.text.trim() !== '';
	return answered ? 'reasoning' : 'reasoning-alone';
}

/**
 * What the signals read of a parsed sample: its content as the review screen renders it (turns,
 * prompt/response, chosen/rejected), metadata left out. A sample that is not a recognised shape is
 * read as its JSON text, with no responses. The tools list is shown but is not content.
 */
export function sampleText(value: unknown): SampleText {
	const rendered = renderContent(value);
	const blocks: TextBlock[] = [];
	const responses: string[] = [];
	const responseTones: Tone[] = [];
	const responseKinds: ResponseKind[] = [];
	const all = rendered.blocks;
	for (let index = 0; index < all.length; index++) {
		const block = all[index];
		if (block.tone === 'tool' && block.label.startsWith('tools (')) continue;
		// The screen shows an empty turn as "(empty)": the signals read what the sample holds.
		const text = block.text === emptyText ? '' : block.text;
		const untrained = block.weight === 0;
		const shown: TextBlock = {text, tone: block.tone, label: block.label};
		if (block.reasoning) shown.reasoning = true;
		if (untrained) shown.untrained = true;
		blocks.push(shown);
		// A tool call's arguments are JSON the model wrote for a program, not an answer; a turn of weight 0 is not trained on.
		if (isResponseTone(block.tone) && !block.label.includes(' → ') && !untrained) {
			responses.push(text);
			responseTones.push(block.tone);
			responseKinds.push(block.reasoning ? reasoningKind(all, index) : 'answer');
		}
	}

	const media = mediaOf(value);
	const {tokens, phrases} = memos();
	return media === undefined
		? {blocks, responses, responseTones, responseKinds, format: rendered.format, stoppedAtLength: stoppedAtLength(value), tokens, phrases}
		: {blocks, responses, responseTones, responseKinds, format: rendered.format, stoppedAtLength: stoppedAtLength(value), media, tokens, phrases};
}

/** Per-sample caches: several signals read the same response's words and normalised text. */
function memos(): Pick<SampleText, 'tokens' | 'phrases'> {
	const tokens = new TextMemo<Tokens>(tokenize);
	const phrases = new TextMemo<string>(normaliseForPhrases);
	return {
		tokens: text => tokens.get(text),
		phrases: text => phrases.get(text),
	};
}

/** Texts kept in a list up to this many, then in a Map. */
const listedTexts = 8;

/**
 * What `make` gives for each text, made once per text. A sample has a few texts, mostly the very
 * strings asked for before: a short list compared by === (the same string at once) costs less than a
 * Map, which hashes every new text whole.
 */
class TextMemo<T> {
	private readonly texts: string[] = [];
	private readonly values: T[] = [];
	private map: Map<string, T> | undefined;

	constructor(private readonly make: (text: string) => T) {}

	get(text: string): T {
		const {texts} = this;
		for (let k = 0; k < texts.length; k++) if (texts[k] === text) return this.values[k];
		let found = this.map?.get(text);
		if (found === undefined) {
			found = this.make(text);
			if (texts.length < listedTexts) {
				texts.push(text);
				this.values.push(found);
			} else {
				this.map ??= new Map();
				this.map.set(text, found);
			}
		}

		return found;
	}
}
