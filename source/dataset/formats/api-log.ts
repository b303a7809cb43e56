/*
Logged API calls: a request and what the model answered, as proxies, gateways and batch jobs write them.
- a chat-completion log: {"request": {"model", "messages", …}, "response": {"choices": [{"message", "finish_reason"}], "usage"}};
- OpenAI's batch output: {"custom_id", "response": {"status_code", "body": {"choices": […]}}, "error"}, and its input
  {"custom_id", "method", "url", "body": {"messages"}};
- a saved chat.completion object on its own: {"object": "chat.completion", "choices": [{"message"}]};
- Anthropic's Messages API: a request with `messages` (and `system`), a response {"role": "assistant", "content": [parts], "stop_reason"}.
The request's messages, then each choice's message (numbered when there are several); a choice that stopped for
another reason than its end says so on its label ("assistant (stopped: length)"). The other request and response
fields are metadata ("request.model", "response.usage").
*/
import {prettyJson} from './json-text.js';
import {chatBlocks, isChatList, isMessage, messageBlocks} from './messages.js';
import {systemRendering} from './system-prompt.js';
import {defineFormat, type Block, type JsonObject, type MetadataEntry} from './types.js';
import {metadataEntry} from './metadata.js';
import {isObject, ownField, stringOrUndefined} from './values.js';

/** Finishes that are the answer's own end. */
const normalFinishes = new Set(['stop', 'end_turn', 'tool_calls', 'tool_use', 'function_call', 'stop_sequence', 'eos']);

type Log = {
	request?: {key: string; path: string; value: JsonObject; messages: unknown[]};
	response?: {key: string; path: string; value: JsonObject; answers: Array<{message: JsonObject; finish?: string}>};
};

/** The request: `request` (or its `body`), a batch input's `body`. */
function requestOf(sample: JsonObject): Log['request'] {
	for (const key of ['request', 'body']) {
		const value = ownField(sample, key);
		if (!isObject(value)) continue;
		if (isChatList(value['messages'])) return {key, path: key, value, messages: value['messages'] as unknown[]};
		const body = value['body'];
		if (isObject(body) && isChatList(body['messages'])) return {key, path: `${key}.body`, value: body, messages: body['messages'] as unknown[]};
	}

	return undefined;
}

function answersOf(response: JsonObject): Array<{message: JsonObject; finish?: string}> | undefined {
	const choices = response['choices'];
	if (Array.isArray(choices) && choices.length > 0 && choices.every(choice => isObject(choice) && isMessage(choice['message']))) {
		return (choices as JsonObject[]).map(choice => ({message: choice['message'] as JsonObject, finish: stringOrUndefined(choice['finish_reason'])}));
	}

	// Anthropic: the response is the assistant's message.
	if (response['role'] === 'assistant' && Array.isArray(response['content'])) return [{message: response, finish: stringOrUndefined(response['stop_reason'])}];
	return undefined;
}

/** The response: `response` (or its `body`), or the sample itself when it is a saved chat.completion. */
function responseOf(sample: JsonObject): Log['response'] {
	const value = ownField(sample, 'response');
	if (isObject(value)) {
		const answers = answersOf(value);
		if (answers !== undefined) return {key: 'response', path: 'response', value, answers};
		const body = value['body'];
		const bodyAnswers = isObject(body) ? answersOf(body) : undefined;
		if (bodyAnswers !== undefined) return {key: 'response', path: 'response.body', value: body as JsonObject, answers: bodyAnswers};
	}

	const own = typeof ownField(sample, 'object') === 'string' || ownField(sample, 'choices') !== undefined ? answersOf(sample) : undefined;
	return own === undefined ? undefined : {key: 'choices', path: '', value: sample, answers: own};
}

/** A batch output line whose request failed: {"custom_id", "response": null, "error": {…}}. */
function isFailedBatchLine(sample: JsonObject): boolean {
	return ownField(sample, 'custom_id') !== undefined && isObject(ownField(sample, 'error'));
}

function logOf(sample: JsonObject): Log | undefined {
	const request = requestOf(sample);
	const response = responseOf(sample);
	return request === undefined && response === undefined && !isFailedBatchLine(sample) ? undefined : {request, response};
}

function nestedEntries(path: string, value: JsonObject, shown: readonly string[]): MetadataEntry[] {
	if (path === '') return [];
	return Object.keys(value).filter(key => !shown.includes(key)).map(key => metadataEntry(`${path}.${key}`, value[key]));
}

function answerBlocks(answers: Array<{message: JsonObject; finish?: string}>): Block[] {
	return answers.flatMap(({message, finish}, index) => {
		const prefix = answers.length > 1 ? `choice ${index + 1} · ` : '';
		const blocks = messageBlocks(message, {labelPrefix: prefix});
		if (finish === undefined || normalFinishes.has(finish)) return blocks;
		return blocks.map(block => (block.label.includes(' → ') ? block : {...block, label: `${block.label} (stopped: ${finish})`}));
	});
}

export const apiLog = defineFormat({
	name: 'api-log',
	label: 'API log',
	detect: sample => logOf(sample) !== undefined,
	render(sample) {
		const {request, response} = logOf(sample)!;
		const blocks: Block[] = [];
		const consumedKeys: string[] = [];
		const nestedMetadata: MetadataEntry[] = [];
		if (request !== undefined) {
			const system = systemRendering(request.value);
			blocks.push(...system.blocks, ...chatBlocks(request.messages));
			consumedKeys.push(request.key);
			if (request.path !== request.key) nestedMetadata.push(...nestedEntries(request.key, ownField(sample, request.key) as JsonObject, ['body']));
			nestedMetadata.push(...nestedEntries(request.path, request.value, ['messages', ...system.consumedKeys]));
		}

		if (response !== undefined) {
			blocks.push(...answerBlocks(response.answers));
			consumedKeys.push(response.key);
			if (response.path === 'response.body') nestedMetadata.push(...nestedEntries('response', ownField(sample, 'response') as JsonObject, ['body']));
			const shown = response.path === '' ? [] : response.value === ownField(sample, 'response') && response.answers[0]?.message === response.value ? ['role', 'content'] : ['choices'];
			nestedMetadata.push(...nestedEntries(response.path, response.value, shown));
		} else {
			// A batch line whose request failed: its error is what there is to see.
			const error = ownField(sample, 'error');
			if (error !== undefined && error !== null) {
				blocks.push({label: 'error', text: typeof error === 'string' ? error : prettyJson(error), tone: 'error'});
				consumedKeys.push('error');
			}
		}

		if (response !== undefined && ownField(sample, 'error') === null) consumedKeys.push('error');
		return {blocks, consumedKeys, nestedMetadata};
	},
});
