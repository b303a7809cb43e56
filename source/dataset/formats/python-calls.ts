/*
Tool calls written as a Python call list, the whole of an answer: ToolACE's and Gorilla's
`[get_exchange_rate(base_currency="USD", target_currency="EUR")]`. Read as tool calls ("assistant →
get_exchange_rate", its arguments as JSON) only when it is safe to: the answer is nothing but the list, every
argument is a keyword with a literal value, and every function called is one the sample lists as a tool
(its `"name": "…"` in the system prompt or the tools list). Anything else stays the answer's text.
*/
import {toolCallBlock} from './messages.js';
import type {Block, Tone} from './types.js';

const answerTones: ReadonlySet<Tone> = new Set(['assistant', 'completion', 'chosen', 'rejected']);
const callList = /^\s*\[\s*[A-Za-z_][\w.]*\s*\([\s\S]*\)\s*\]\s*$/;
const listedName = /"name"\s*:\s*"([^"\\]{1,100})"/g;

/** The names of the tools a sample lists: `"name": "…"` in its system prompt or tools list. */
function listedTools(blocks: readonly Block[]): Set<string> {
	const names = new Set<string>();
	for (const block of blocks) {
		if (block.tone !== 'system' && !(block.tone === 'tool' && block.label.startsWith('tools'))) continue;
		for (const [, name] of block.text.matchAll(listedName)) names.add(name);
	}

	return names;
}

/** Splits at the top level's commas (outside quotes and brackets); undefined when they do not balance. */
function topLevelParts(text: string, separator: string): string[] | undefined {
	const parts: string[] = [];
	let depth = 0;
	let quote: string | undefined;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (quote !== undefined) {
			if (character === '\\') index++;
			else if (character === quote) quote = undefined;
		} else if (character === '"' || character === '\'') {
			quote = character;
		} else if ('([{'.includes(character)) {
			depth++;
		} else if (')]}'.includes(character)) {
			depth--;
			if (depth < 0) return undefined;
		} else if (character === separator && depth === 0) {
			parts.push(text.slice(start, index));
			start = index + 1;
		}
	}

	if (depth !== 0 || quote !== undefined) return undefined;
	parts.push(text.slice(start));
	return parts.map(part => part.trim()).filter(part => part !== '');
}

const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r'};

/** A quoted string that is the whole of `text`, its escapes read; undefined when the quote closes earlier. */
function stringLiteral(text: string, quote: string): string | undefined {
	let value = '';
	for (let index = 1; index < text.length; index++) {
		const character = text[index];
		if (character === '\\' && index + 1 < text.length) {
			index++;
			value += escapes[text[index]] ?? text[index];
		} else if (character === quote) {
			return index === text.length - 1 ? value : undefined;
		} else {
			value += character;
		}
	}

	return undefined;
}

/** A Python literal as a JSON value: strings in either quotes, numbers, True/False/None, lists and dicts of those. */
function literal(text: string): {value: unknown} | undefined {
	const trimmed = text.trim();
	if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(trimmed)) return {value: Number(trimmed)};
	if (trimmed === 'True' || trimmed === 'False') return {value: trimmed === 'True'};
	if (trimmed === 'None') return {value: null};
	const quote = trimmed[0];
	if (quote === '"' || quote === '\'') {
		const text = stringLiteral(trimmed, quote);
		return text === undefined ? undefined : {value: text};
	}

	if ((trimmed.startsWith('[') && trimmed.endsWith(']')) || (trimmed.startsWith('(') && trimmed.endsWith(')'))) {
		const items = topLevelParts(trimmed.slice(1, -1), ',');
		const values = items?.map(item => literal(item));
		return values === undefined || values.some(value => value === undefined) ? undefined : {value: values.map(value => value!.value)};
	}

	if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
		const entries = topLevelParts(trimmed.slice(1, -1), ',')?.map(entry => topLevelParts(entry, ':'));
		if (entries === undefined || entries.some(entry => entry?.length !== 2)) return undefined;
		const object: Record<string, unknown> = {};
		for (const entry of entries) {
			const key = literal(entry![0]);
			const value = literal(entry![1]);
			if (key === undefined || typeof key.value !== 'string' || value === undefined) return undefined;
			object[key.value] = value.value;
		}

		return {value: object};
	}

	return undefined;
}

type PythonCall = {name: string; arguments: Record<string, unknown>};

/** `name(key=value, …)`: its name and keyword arguments; undefined for anything else (a positional argument, an expression). */
function pythonCall(text: string): PythonCall | undefined {
	const head = /^([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)$/.exec(text.trim());
	if (!head) return undefined;
	const parts = topLevelParts(head[2], ',');
	if (parts === undefined) return undefined;
	const args: Record<string, unknown> = {};
	for (const part of parts) {
		const keyword = /^([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(part);
		const value = keyword ? literal(keyword[2]) : undefined;
		if (!keyword || value === undefined) return undefined;
		args[keyword[1]] = value.value;
	}

	return {name: head[1], arguments: args};
}

/** The calls of an answer that is a Python call list of listed tools; undefined when it is not one. */
export function pythonCallList(text: string, tools: ReadonlySet<string>): PythonCall[] | undefined {
	if (tools.size === 0 || !callList.test(text)) return undefined;
	const trimmed = text.trim();
	const items = topLevelParts(trimmed.slice(1, -1), ',');
	const calls = items?.map(item => pythonCall(item));
	if (calls === undefined || calls.length === 0 || calls.some(call => call === undefined || !tools.has(call.name))) return undefined;
	return calls as PythonCall[];
}

/** The speaker of a block's label for its tool calls: "chosen · assistant (weight 1)" calls as "chosen · assistant". */
function speakerOf(label: string): string {
	return label.replace(/ \([^()]*\)$/, '');
}

/** Every answer that is a Python call list of the sample's listed tools as its tool calls (the same list when there are none). */
export function withPythonCalls(blocks: Block[]): Block[] {
	if (!blocks.some(block => answerTones.has(block.tone) && block.text.trimStart().startsWith('['))) return blocks;
	const tools = listedTools(blocks);
	if (tools.size === 0) return blocks;
	return blocks.flatMap(block => {
		const calls = answerTones.has(block.tone) && !block.label.includes(' → ') && !block.reasoning ? pythonCallList(block.text, tools) : undefined;
		if (calls === undefined) return [block];
		return calls.map(call => {
			const callBlock = toolCallBlock(call, speakerOf(block.label), block.tone);
			return block.weight === undefined ? callBlock : {...callBlock, weight: block.weight};
		});
	});
}
