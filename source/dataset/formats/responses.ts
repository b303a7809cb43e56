/*
OpenAI Responses API: {"instructions"?, "input": text or items, "output": items}. Items are messages
({role, content: [{type: "input_text"|"output_text", text}]}), function calls ({type: "function_call", name,
arguments, call_id}), their results ({type: "function_call_output", call_id, output}) and reasoning
({type: "reasoning", summary: [{text}]}).
*/
import {compactJson, prettyIfJsonText} from './json-text.js';
import {contentText, isMessage, messageBlocks, toolCallBlock} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField, stringOrUndefined, turnText, withDetails} from './values.js';

const outputItemTypes = new Set(['message', 'function_call', 'reasoning']);

function isResponseOutput(value: unknown): value is unknown[] {
	// A message item may leave out its "type": {role, content} is a message all the same.
	return Array.isArray(value) && value.some(item => isMessage(item) || (isObject(item) && outputItemTypes.has(item['type'] as string)));
}

function itemBlocks(item: unknown): Block[] {
	if (isMessage(item)) {
		return messageBlocks(item);
	}

	if (!isObject(item)) {
		return [{label: '?', text: compactJson(item), tone: 'field'}];
	}

	switch (item['type']) {
		case 'function_call': {
			return [toolCallBlock(item, 'assistant', 'assistant')];
		}

		case 'function_call_output': {
			const output = item['output'];
			const text = typeof output === 'string' ? prettyIfJsonText(output) : contentText(output);
			return [{label: withDetails('tool', [stringOrUndefined(item['call_id'])]), text: turnText(text), tone: 'tool'}];
		}

		case 'reasoning': {
			const summary = item['summary'] ?? item['content'];
			return [{label: 'assistant · reasoning', text: turnText(contentText(summary)), tone: 'assistant', reasoning: true}];
		}

		default: {
			return [{label: stringOrUndefined(item['type']) ?? '?', text: compactJson(item), tone: 'field'}];
		}
	}
}

export const responses = defineFormat({
	name: 'responses',
	label: 'Responses API',
	detect(sample) {
		const input = ownField(sample, 'input');
		return (typeof input === 'string' || Array.isArray(input)) && isResponseOutput(ownField(sample, 'output'));
	},
	render(sample) {
		const blocks: Block[] = [];
		const consumedKeys = ['input', 'output'];
		const instructions = ownField(sample, 'instructions');
		if (typeof instructions === 'string') {
			blocks.push({label: 'system', text: instructions, tone: 'system'});
			consumedKeys.push('instructions');
		}

		const input = sample['input'];
		blocks.push(...(typeof input === 'string' ? [{label: 'user', text: turnText(input), tone: 'user' as const}] : (input as unknown[]).flatMap(item => itemBlocks(item))));
		blocks.push(...(sample['output'] as unknown[]).flatMap(item => itemBlocks(item)));
		return {blocks, consumedKeys};
	},
});
