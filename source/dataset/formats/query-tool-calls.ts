/*
A request and the tool calls that answer it, as xLAM / APIGen write them: {"query", "tools", "answers"}, the tools
and the answers each a JSON string holding a list (or the list itself). The tools list is shown by tools.ts; then
the query as the user's turn and each call as `assistant → name` with its arguments. An empty list of answers is a
request the model answers with no call.
*/
import {parseJsonText} from './json-text.js';
import {toolCallBlock} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField} from './values.js';

const callKeys = ['answers', 'tool_calls', 'calls'] as const;

function callList(value: unknown): unknown[] | undefined {
	const list = typeof value === 'string' ? parseJsonText(value) : value;
	return Array.isArray(list) && list.every(call => isObject(call) && typeof call['name'] === 'string') ? list : undefined;
}

function callsOf(sample: JsonObject): {key: string; calls: unknown[]} | undefined {
	for (const key of callKeys) {
		const calls = callList(ownField(sample, key));
		if (calls !== undefined) return {key, calls};
	}

	return undefined;
}

export const queryToolCalls = defineFormat({
	name: 'query-tool-calls',
	label: 'tool calls',
	detect: sample => typeof ownField(sample, 'query') === 'string' && ownField(sample, 'tools') !== undefined && callsOf(sample) !== undefined,
	render(sample) {
		const {key, calls} = callsOf(sample)!;
		const callBlocks: Block[] = calls.length === 0
			? [{label: 'assistant → no tool call', text: '(none)', tone: 'assistant'}]
			: calls.map(call => toolCallBlock(call, 'assistant', 'assistant'));
		// tools.ts shows a list that has tools; an empty one is said here (the request offers the model none).
		const tools = callList(ownField(sample, 'tools'));
		const noTools: Block[] = tools?.length === 0 ? [{label: 'tools (0)', text: '(none)', tone: 'tool'}] : [];
		return {
			blocks: [...noTools, {label: 'user', text: sample['query'] as string, tone: 'user'}, ...callBlocks],
			consumedKeys: ['query', key, 'tools'],
		};
	},
});
