/*
Conversations: chat lists of {role, content} and ShareGPT lists of {from, value}, message by message
(either spelling of the content in either kind of list).
Shared by every format that holds one (chat, ShareGPT, KTO, preference pairs, the fine-tuning API).
*/
import {compactJson, parseJsonText, prettyIfJsonText, prettyJson} from './json-text.js';
import {speakerOf, toneForRole, type Speaker} from './roles.js';
import {compactValue, isFlagName} from './metadata.js';
import type {Block, JsonObject, MetadataEntry, Tone} from './types.js';
import {isNonEmptyString, isObject, ownField, stringOrUndefined, truncate, turnText, withDetails} from './values.js';

const dataUrlShownLength = 40;

export {toneForRole} from './roles.js';

export type ConversationKind = 'chat' | 'sharegpt';

/**
chat: a list of {role, content}; sharegpt: a list of {from, value}. A stray item of another kind does not
stop a list being a conversation: it is shown as its own block.
*/
export function conversationKind(value: unknown): ConversationKind | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const items = value.filter(item => isObject(item));
	if (items.some(item => typeof item['role'] === 'string')) {
		return 'chat';
	}

	if (items.some(item => typeof item['from'] === 'string')) {
		return 'sharegpt';
	}

	return undefined;
}

export function isChatList(value: unknown): value is unknown[] {
	return conversationKind(value) === 'chat';
}

/** A prompt, completion, chosen or rejected answer: plain text or a chat list. */
export function isTextOrChat(value: unknown): value is string | unknown[] {
	return typeof value === 'string' || isChatList(value);
}

/** One message object of either kind: {role, content} or {from, value}. */
export function isMessage(value: unknown): value is JsonObject {
	return isObject(value) && (typeof value['role'] === 'string' || typeof value['from'] === 'string');
}

/** Where samples keep their conversation: OpenAI and most generators, ShareGPT, Gemini/Vertex (`contents`), Cohere (`chat_history`). */
export const conversationKeys = ['messages', 'conversations', 'conversation', 'contents', 'chat_history'] as const;

export type Conversation = {key: string; kind: ConversationKind; messages: unknown[]; asText: boolean};

/** A conversation kept as JSON text ("messages": "[{\"role\": …}]", as some exports write it): its list. */
function listInText(value: unknown): unknown {
	return typeof value === 'string' && value.trimStart().startsWith('[') ? parseJsonText(value) : undefined;
}

/** The key holding the conversation of a chat or ShareGPT sample, which of the two it is, and its messages. */
export function conversationOf(sample: JsonObject): Conversation | undefined {
	for (const key of conversationKeys) {
		const value = ownField(sample, key);
		const kind = conversationKind(value);
		if (kind !== undefined) {
			return {key, kind, messages: value as unknown[], asText: false};
		}
	}

	for (const key of conversationKeys) {
		const list = listInText(ownField(sample, key));
		const kind = conversationKind(list);
		if (kind !== undefined) return {key, kind, messages: list as unknown[], asText: true};
	}

	return undefined;
}

function shortUrl(url: string): string {
	if (url.startsWith('data:') && url.length > dataUrlShownLength) {
		const header = url.slice(0, url.indexOf(',') + 1 || dataUrlShownLength);
		return `${truncate(header, dataUrlShownLength)}… (${url.length} chars)`;
	}

	return url;
}

function imageUrlOf(part: JsonObject): string | undefined {
	const imageUrl = part['image_url'];
	if (typeof imageUrl === 'string') {
		return imageUrl;
	}

	if (isObject(imageUrl) && typeof imageUrl['url'] === 'string') {
		return imageUrl['url'];
	}

	return stringOrUndefined(part['image']) ?? stringOrUndefined(part['url']);
}

function partText(part: unknown): string {
	if (typeof part === 'string') {
		return part;
	}

	if (!isObject(part)) {
		return compactJson(part);
	}

	const type = stringOrUndefined(part['type']);
	if (typeof part['text'] === 'string' && (type === undefined || type.endsWith('text'))) {
		return part['text'];
	}

	// The API's own refusal part: the model's words, shown as the answer they are.
	if (type === 'refusal' && typeof part['refusal'] === 'string') {
		return part['refusal'];
	}

	if (type === 'image_url' || type === 'image' || type === 'input_image') {
		const url = imageUrlOf(part);
		return url === undefined ? '[image]' : `[image: ${shortUrl(url)}]`;
	}

	if (type === 'input_audio' || type === 'audio') {
		return '[audio]';
	}

	// Gemini's parts: inline bytes and files by reference, a tool's answer.
	const blob = isObject(part['inlineData']) ? part['inlineData'] : isObject(part['fileData']) ? part['fileData'] : undefined;
	if (blob !== undefined) {
		const what = stringOrUndefined(blob['mimeType']) ?? 'file';
		const uri = stringOrUndefined(blob['fileUri']);
		return uri === undefined ? `[${what}]` : `[${what}: ${shortUrl(uri)}]`;
	}

	if (isObject(part['functionResponse'])) {
		return prettyJson(part['functionResponse']);
	}

	return compactJson(part);
}

/** A message's content as text: a string, a list of parts (text, images, audio), or JSON. */
export function contentText(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}

	if (content === null || content === undefined) {
		return '';
	}

	if (Array.isArray(content)) {
		return content.map(part => partText(part)).join('\n');
	}

	return isObject(content) ? partText(content) : compactJson(content);
}

function argumentsText(argumentsValue: unknown): string {
	if (argumentsValue === undefined) {
		return '';
	}

	return typeof argumentsValue === 'string' ? prettyIfJsonText(argumentsValue) : prettyJson(argumentsValue);
}

export function toolCallBlock(call: unknown, speaker: string, tone: Tone): Block {
	if (!isObject(call)) {
		return {label: `${speaker} → tool call`, text: compactJson(call), tone};
	}

	const target = isObject(call['function']) ? call['function'] : call;
	const name = stringOrUndefined(target['name']) ?? '?';
	const label = withDetails(`${speaker} → ${name}`, [stringOrUndefined(call['id']) ?? stringOrUndefined(call['call_id'])]);
	return {label, text: argumentsText(target['arguments'] ?? target['parameters'] ?? target['args']), tone};
}

function toolCallsOf(message: JsonObject): unknown[] {
	const toolCalls = message['tool_calls'];
	if (Array.isArray(toolCalls)) {
		return toolCalls;
	}

	const legacyCall = message['function_call'];
	if (legacyCall !== undefined && legacyCall !== null) {
		return [legacyCall];
	}

	// Gemini: a call is one of the message's parts, {functionCall: {name, args}}.
	const parts = message['parts'];
	return Array.isArray(parts) ? parts.filter(part => isObject(part) && isObject(part['functionCall'])).map(part => (part as JsonObject)['functionCall']) : [];
}

function messageLabel(message: JsonObject, role: string | undefined): string {
	const weight = message['weight'];
	const details = [
		stringOrUndefined(message['name']),
		stringOrUndefined(message['tool_call_id']),
		typeof weight === 'number' ? `weight ${weight}` : undefined,
		...turnFlags(message),
	];
	return withDetails(role ?? '?', details);
}

/** A message's keys its blocks show or name it by: any other is one of the turn's own fields (WildChat's country, toxic, timestamp). */
const shownMessageKeys = new Set(['role', 'from', 'content', 'value', 'text', 'message', 'parts', 'tool_calls', 'function_call', 'reasoning_content', 'reasoning', 'thinking', 'weight', 'name', 'tool_call_id']);

/** The flags a turn raises about itself (WildChat's `"toxic": true`, `"redacted": true`): named on its label, seen at once. */
function turnFlags(message: JsonObject): string[] {
	return Object.keys(message).filter(key => !shownMessageKeys.has(key) && message[key] === true && isFlagName(key));
}

/**
 * Each turn's own fields (WildChat's and LMSYS's country, state, timestamp, language, header, turn_identifier,
 * toxic, redacted), null ones left out: one metadata entry per turn that has any, for the metadata panel (m),
 * "turn 2 · assistant", the fields one a line. Noted, so the header's line leaves them off.
 */
export function turnFieldEntries(messages: unknown[]): MetadataEntry[] {
	return messages.flatMap((message, index) => {
		if (!isObject(message)) return [];
		const fields = Object.keys(message).filter(key => !shownMessageKeys.has(key) && message[key] !== null && message[key] !== undefined);
		if (fields.length === 0) return [];
		const role = stringOrUndefined(message['role']) ?? stringOrUndefined(message['from']) ?? '?';
		return [{
			key: `turn ${index + 1} · ${role}`,
			value: compactValue(fields.map(key => `${key}=${compactValue(message[key])}`).join(' · ')),
			full: fields.map(key => `${key}: ${compactValue(message[key])}`).join('\n'),
			note: 'turn\'s fields',
		}];
	});
}

function reasoningOf(message: JsonObject): string | undefined {
	for (const key of ['reasoning_content', 'reasoning', 'thinking']) {
		if (isNonEmptyString(message[key])) {
			return message[key];
		}
	}

	return undefined;
}

/**
A message's content: `content`, `value`, (OpenAssistant) `text`, (Cohere) `message` or (Gemini) `parts`, whichever
it has: generators mix the spellings ({role, value}, {from, content}). Gemini's function calls are shown as tool calls.
*/
export function messageContent(message: JsonObject): unknown {
	const content = message['content'] ?? message['value'] ?? message['text'] ?? message['message'];
	if (content !== undefined && content !== null) {
		return content;
	}

	const parts = message['parts'];
	return Array.isArray(parts) ? parts.filter(part => !(isObject(part) && isObject(part['functionCall']))) : content;
}

/** An object holding a message's content under one of its spellings (a role is not needed): Gemini's systemInstruction. */
export function isMessageLike(value: unknown): value is JsonObject {
	return isObject(value) && messageContent(value) !== undefined;
}

export type Voice = {
	/** Put before each label, e.g. "chosen · ". */
	labelPrefix: string;
	/** Replaces the role's tone, e.g. 'chosen' for every message of a chosen answer. */
	tone?: Tone;
};

export const ownVoice: Voice = {labelPrefix: ''};

/** Anthropic's content parts other than text: the model's thinking and tool calls, and (in a user turn) the tools' results. */
const anthropicPartTypes = new Set(['thinking', 'redacted_thinking', 'tool_use', 'server_tool_use', 'tool_result']);

type ContentParts = {thinking: string[]; toolUses: JsonObject[]; toolResults: JsonObject[]; rest: unknown[]};

function anthropicParts(content: unknown): ContentParts | undefined {
	if (!Array.isArray(content) || !content.some(part => isObject(part) && anthropicPartTypes.has(String(part['type'])))) return undefined;
	const parts: ContentParts = {thinking: [], toolUses: [], toolResults: [], rest: []};
	for (const part of content) {
		const type = isObject(part) ? part['type'] : undefined;
		if (type === 'thinking') parts.thinking.push(stringOrUndefined((part as JsonObject)['thinking']) ?? '');
		else if (type === 'redacted_thinking') parts.thinking.push('[redacted thinking]');
		else if (type === 'tool_use' || type === 'server_tool_use') parts.toolUses.push(part as JsonObject);
		else if (type === 'tool_result') parts.toolResults.push(part as JsonObject);
		else parts.rest.push(part);
	}

	return parts;
}

/** A tool's result given in a turn (Anthropic's tool_result part): a tool reply, not the user's words. */
function toolResultBlock(part: JsonObject, labelPrefix: string, weight: number | undefined): Block {
	const content = part['content'];
	const text = typeof content === 'string' ? prettyIfJsonText(content) : contentText(content);
	const label = `${labelPrefix}${withDetails('tool', [stringOrUndefined(part['tool_use_id']), part['is_error'] === true ? 'error' : undefined])}`;
	return withWeight({label, text: turnText(text), tone: 'tool'}, weight);
}

function withWeight(block: Block, weight: number | undefined): Block {
	return weight === undefined ? block : {...block, weight};
}

function chatMessageBlocks(message: JsonObject, voice: Voice): Block[] {
	const role = stringOrUndefined(message['role']);
	const roleTone = toneForRole(role);
	const tone = voice.tone ?? roleTone;
	const label = `${voice.labelPrefix}${messageLabel(message, role)}`;
	const weight = typeof message['weight'] === 'number' ? message['weight'] : undefined;
	const content = messageContent(message);
	const parts = anthropicParts(content);
	const ownCalls = toolCallsOf(message);
	const toolCalls = parts === undefined ? ownCalls : [...ownCalls, ...parts.toolUses.map(use => ({id: use['id'], name: use['name'], arguments: use['input']}))];
	const blocks: Block[] = parts === undefined ? [] : parts.toolResults.map(result => toolResultBlock(result, voice.labelPrefix, weight));

	const ownReasoning = reasoningOf(message);
	const reasoning = parts === undefined || parts.thinking.length === 0 ? ownReasoning : [ownReasoning, ...parts.thinking].filter(text => text !== undefined).join('\n\n');
	if (reasoning !== undefined) {
		blocks.push({label: `${label} · reasoning`, text: turnText(reasoning), tone, reasoning: true});
	}

	const shownContent = parts === undefined ? content : parts.rest;
	// Tool results are mostly one-line JSON: pretty-printed, a reviewer can read them.
	const text = roleTone === 'tool' && typeof shownContent === 'string' ? prettyIfJsonText(shownContent) : contentText(shownContent);
	// An assistant turn that only calls tools has content null: its calls are the whole turn; a user turn of tool results is those.
	if (text.trim() !== '' || (toolCalls.length === 0 && (parts?.toolResults.length ?? 0) === 0)) {
		blocks.push({label, text: turnText(text), tone});
	}

	for (const call of toolCalls) {
		blocks.push(toolCallBlock(call, `${voice.labelPrefix}${role ?? '?'}`, tone));
	}

	return weight === undefined ? blocks : blocks.map(block => withWeight(block, weight));
}

/** LLaMA-Factory's function_call turn: its value is the call as JSON text, {"name", "arguments"}. */
function functionCallTurnBlock(value: unknown, voice: Voice): Block | undefined {
	const call = typeof value === 'string' ? parseJsonText(value) : value;
	if (!isObject(call) || typeof call['name'] !== 'string') return undefined;
	const block = toolCallBlock(call, `${voice.labelPrefix}assistant`, voice.tone ?? 'assistant');
	return {...block, text: turnText(block.text)};
}

function shareGptTurnBlock(turn: JsonObject, voice: Voice): Block {
	const from = stringOrUndefined(turn['from']);
	const value = messageContent(turn);
	const call = from === 'function_call' ? functionCallTurnBlock(value, voice) : undefined;
	if (call !== undefined) return call;
	const speaker: Speaker = from === 'function_call'
		? {label: 'assistant → function call', tone: 'assistant'}
		: speakerOf(from) ?? {label: from ?? '?', tone: 'field'};
	const isToolTraffic = speaker.tone === 'tool' || from === 'function_call';
	const text = typeof value === 'string' && isToolTraffic ? prettyIfJsonText(value) : contentText(value);
	// SlimOrca, OpenHermes and axolotl give each turn a training weight, as OpenAI's fine-tuning format does.
	const weight = typeof turn['weight'] === 'number' ? turn['weight'] : undefined;
	const label = withDetails(`${voice.labelPrefix}${speaker.label}`, [weight === undefined ? undefined : `weight ${weight}`, ...turnFlags(turn)]);
	return withWeight({label, text: turnText(text), tone: voice.tone ?? speaker.tone}, weight);
}

/** The blocks of one message: {role, content} (with its reasoning and tool calls) or ShareGPT's {from, value}. */
export function messageBlocks(message: unknown, voice: Voice = ownVoice): Block[] {
	if (!isObject(message)) {
		return [{label: `${voice.labelPrefix}?`, text: compactJson(message), tone: voice.tone ?? 'field'}];
	}

	if (typeof message['role'] !== 'string' && typeof message['from'] === 'string') {
		return [shareGptTurnBlock(message, voice)];
	}

	return chatMessageBlocks(message, voice);
}

export function chatBlocks(messages: unknown[], voice: Voice = ownVoice): Block[] {
	// A loop, not flatMap (which cost more than the blocks it joined; a parsed list has no holes to skip).
	const blocks: Block[] = [];
	for (const message of messages) {
		for (const block of messageBlocks(message, voice)) blocks.push(block);
	}

	return blocks;
}

/** An answer or prompt given as text, as a chat list, as one message, or as anything else (shown as JSON). */
export function textOrChatBlocks(value: unknown, textLabel: string, textTone: Tone, voice: Voice = ownVoice): Block[] {
	if (typeof value === 'string') {
		return [{label: textLabel, text: turnText(value), tone: textTone}];
	}

	if (Array.isArray(value)) {
		return chatBlocks(value, voice);
	}

	if (isMessage(value)) {
		return messageBlocks(value, voice);
	}

	// null: an answer the generator never wrote; shown as empty, as it is.
	return [{label: textLabel, text: value === undefined || value === null ? turnText('') : prettyJson(value), tone: textTone}];
}
