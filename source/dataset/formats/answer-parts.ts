/*
What a model writes inside an answer's text besides the answer, shown as blocks of their own in every format
(a chat turn, a completion, a chosen answer, a templated text's turn):
- its reasoning first: <think>…</think> (DeepSeek-R1, QwQ; also <thinking>, <reasoning>; a text that only closes
  </think> had the opening in its prompt), OpenThoughts' <|begin_of_thought|>…<|end_of_thought|> with the answer in
  <|begin_of_solution|>…<|end_of_solution|>: a "· reasoning" block, as reasoning_content is;
- Hermes function calling's <tool_call>{"name", "arguments"}</tool_call>: a tool call, "assistant → name", as
  OpenAI's tool_calls are; and <tool_response>…</tool_response> in a tool's (or user's) turn: a tool reply.
*/
import {parseJsonText, prettyIfJsonText} from './json-text.js';
import {toolCallBlock} from './messages.js';
import type {Block, Tone} from './types.js';
import {isObject, stringOrUndefined, turnText, withDetails} from './values.js';

const answerTones: ReadonlySet<Tone> = new Set(['assistant', 'completion', 'chosen', 'rejected']);

const leadingThink = /^\s*<(think|thinking|reasoning)>([\s\S]*?)(?:<\/\1>|$)/i;
const closingThinkOnly = /^(?![\s\S]*<think>)([\s\S]*?)<\/think>/i;
const thought = /^\s*<\|begin_of_thought\|>([\s\S]*?)(?:<\|end_of_thought\|>|$)/;
const solution = /^\s*<\|begin_of_solution\|>([\s\S]*?)(?:<\|end_of_solution\|>\s*)?$/;
const toolCallTag = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g;
const toolResponses = /^(?:\s*<tool_response>[\s\S]*?(?:<\/tool_response>|$))+\s*$/;
const toolResponse = /<tool_response>([\s\S]*?)(?:<\/tool_response>|$)/g;

/** The reasoning an answer's text opens with, and the answer after it; undefined when it has none. */
export function splitReasoning(text: string): {reasoning: string; answer: string} | undefined {
	const think = leadingThink.exec(text);
	if (think) return {reasoning: think[2].trim(), answer: text.slice(think[0].length).trim()};
	if (text.includes('<|begin_of_thought|>')) {
		const open = thought.exec(text);
		if (open) {
			const rest = text.slice(open[0].length);
			return {reasoning: open[1].trim(), answer: (solution.exec(rest)?.[1] ?? rest).trim()};
		}
	}

	const closing = text.includes('</think>') ? closingThinkOnly.exec(text) : undefined;
	return closing ? {reasoning: closing[1].trim(), answer: text.slice(closing[0].length).trim()} : undefined;
}

/** Hermes's calls in an answer's text, and the text around them. */
function toolCallsIn(text: string): {calls: unknown[]; rest: string} | undefined {
	if (!text.includes('<tool_call>')) return undefined;
	const calls: unknown[] = [];
	const rest = text.replace(toolCallTag, (_, body: string) => {
		const call = parseJsonText(body.trim());
		calls.push(isObject(call) ? call : body.trim());
		return '';
	});
	return calls.length === 0 ? undefined : {calls, rest: rest.trim()};
}

/** The speaker of a block's label for its tool calls: "chosen · assistant (weight 1)" calls as "chosen · assistant". */
function speakerOf(label: string): string {
	return label.replace(/ \([^()]*\)$/, '');
}

/** The block as its parts, or undefined when its text holds no reasoning and no call. */
function answerBlocks(block: Block): Block[] | undefined {
	const split = splitReasoning(block.text);
	const answer = split?.answer ?? block.text;
	const calls = toolCallsIn(answer);
	if (split === undefined && calls === undefined) return undefined;
	const blocks: Block[] = [];
	if (split) blocks.push({...block, label: `${block.label} · reasoning`, text: turnText(split.reasoning), reasoning: true});
	if (calls === undefined || calls.rest !== '') blocks.push({...block, text: turnText(calls?.rest ?? answer)});
	for (const call of calls?.calls ?? []) {
		const callBlock = typeof call === 'string' ? {label: `${speakerOf(block.label)} → tool call`, text: call, tone: block.tone} : toolCallBlock(call, speakerOf(block.label), block.tone);
		blocks.push(block.weight === undefined ? callBlock : {...callBlock, weight: block.weight});
	}

	return blocks;
}

/** A turn holding only <tool_response> tags: each a tool's reply, its JSON pretty-printed. */
function toolResponseBlocks(block: Block): Block[] {
	const blocks: Block[] = [];
	for (const [, body] of block.text.matchAll(toolResponse)) {
		const reply = parseJsonText(body.trim());
		const name = isObject(reply) ? stringOrUndefined(reply['name']) : undefined;
		const label = withDetails(block.tone === 'tool' ? block.label : 'tool', [name]);
		blocks.push({...block, label, text: turnText(prettyIfJsonText(body.trim())), tone: 'tool'});
	}

	return blocks;
}

/** A block's parts, or undefined when it is one part (most blocks: no "<" in the text, looked for once). */
function partsOf(block: Block): Block[] | undefined {
	const {text} = block;
	if (block.reasoning || !text.includes('<') || block.label.includes(' → ')) return undefined;
	if (answerTones.has(block.tone)) return answerBlocks(block);
	if ((block.tone === 'tool' || block.tone === 'user') && text.includes('<tool_response>') && toolResponses.test(text)) return toolResponseBlocks(block);
	return undefined;
}

/** Every block with the reasoning, tool calls and tool replies written inside its text as blocks of their own (the same list when there are none). */
export function withAnswerParts(blocks: Block[]): Block[] {
	let changed: Block[] | undefined;
	for (const [index, block] of blocks.entries()) {
		const parts = partsOf(block);
		if (parts === undefined) {
			changed?.push(block);
		} else {
			changed ??= blocks.slice(0, index);
			changed.push(...parts);
		}
	}

	return changed ?? blocks;
}
