/*
Recognises the shapes generated training samples come in and turns a parsed sample into the display
model the UI draws: a list of labelled blocks plus compact metadata. Pure functions, no React.

Every string here is RAW, straight from the sample: the UI passes it through sanitize()/sanitizeLine().
Any field may have the wrong type. A sample whose key fields have the wrong type is shown as pretty JSON;
a wrong-typed detail inside a recognised sample (a message whose content is a number) is shown as JSON
in its block. Nothing here throws.
*/

export const FORMATS = [
	'chat',
	'sharegpt',
	'alpaca',
	'prompt-completion',
	'question-answer',
	'text',
	'preference',
	'preference-api',
	'kto',
	'choices',
	'json',
] as const;

export type Format = (typeof FORMATS)[number];

export type Tone =
	| 'system'
	| 'user'
	| 'assistant'
	| 'tool'
	| 'prompt'
	| 'completion'
	| 'chosen'
	| 'rejected'
	| 'field'
	| 'json'
	| 'error';

export interface Block {
	label: string;
	text: string;
	tone: Tone;
}

export interface MetadataEntry {
	key: string;
	value: string;
}

export interface RenderedSample {
	format: Format;
	formatLabel: string;
	blocks: Block[];
	metadata: MetadataEntry[];
}

export const FORMAT_LABELS: Record<Format, string> = {
	chat: 'chat',
	sharegpt: 'ShareGPT',
	alpaca: 'Alpaca',
	'prompt-completion': 'prompt/completion',
	'question-answer': 'question/answer',
	text: 'text',
	preference: 'preference pair',
	'preference-api': 'preference (fine-tuning API)',
	kto: 'KTO',
	choices: 'multi-turn choices',
	json: 'JSON',
};

const METADATA_MAX_LENGTH = 200;
const DATA_URL_SHOWN_LENGTH = 40;
const TOOL_DESCRIPTION_MAX_LENGTH = 80;

type JsonObject = Record<string, unknown>;

interface Rendering {
	blocks: Block[];
	consumedKeys: string[];
	/** Metadata found below the top level, such as the fine-tuning API's input.parallel_tool_calls. */
	nestedMetadata?: MetadataEntry[];
}

// ---------------------------------------------------------------- small helpers

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

function stringOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function ownField(object: JsonObject, key: string): unknown {
	return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xD8_00 && code <= 0xDB_FF;
}

function truncate(text: string, maxLength: number): string {
	if (text.length <= maxLength) {
		return text;
	}

	// Never cut a surrogate pair in half: the lone half would show as a placeholder.
	const end = isHighSurrogate(text.charCodeAt(maxLength - 2)) ? maxLength - 2 : maxLength - 1;
	return `${text.slice(0, end)}…`;
}

function json(value: unknown, indent?: number): string {
	let text: string;
	try {
		text = JSON.stringify(value, null, indent) ?? String(value);
	} catch {
		// JSON.stringify recurses: a value nested some thousands deep (JSON.parse accepts a million)
		// overflows the stack. Cycles and BigInt, which JSON.parse cannot produce, also get here.
		return deepJson(value, indent);
	}

	// Pretty-printed, deep nesting is quadratic (3,000 levels make 18 MB of indentation).
	return indent && text.length > DEEP_CHECK_LENGTH && deeperThan(value, MAX_PRETTY_DEPTH) ? deepJson(value, indent) : text;
}

/** Below this depth, pretty JSON is indented; deeper levels are written compactly. */
const MAX_PRETTY_DEPTH = 32;
const DEEP_CHECK_LENGTH = 1_000_000;

function deeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth >= limit) return true;
		for (const child of Object.values(item)) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
		}
	}

	return false;
}

/**
 * JSON.stringify's output, without recursion: an explicit stack, so any depth works. Pretty (when
 * indent is given) to MAX_PRETTY_DEPTH levels and compact below, so the text stays about as long as
 * the input. A cycle is written as "[cycle]".
 */
function deepJson(value: unknown, indent?: number): string {
	const parts: string[] = [];
	const open = new Set<object>();
	type Item = {value: unknown; depth: number} | {text: string} | {leave: object};
	const stack: Item[] = [{value, depth: 0}];
	const pretty = (depth: number) => (indent && depth < MAX_PRETTY_DEPTH ? `\n${' '.repeat(indent * depth)}` : '');
	while (stack.length > 0) {
		const item = stack.pop()!;
		if ('text' in item) {
			parts.push(item.text);
			continue;
		}

		if ('leave' in item) {
			open.delete(item.leave);
			continue;
		}

		const {depth} = item;
		const current = item.value;
		if (typeof current !== 'object' || current === null) {
			parts.push(typeof current === 'bigint' ? current.toString() : JSON.stringify(current) ?? 'null');
			continue;
		}

		if (open.has(current)) {
			parts.push('"[cycle]"');
			continue;
		}

		const isArray = Array.isArray(current);
		const entries = isArray ? current.map((child: unknown) => [undefined, child] as const) : Object.entries(current);
		if (entries.length === 0) {
			parts.push(isArray ? '[]' : '{}');
			continue;
		}

		open.add(current);
		parts.push(isArray ? '[' : '{');
		stack.push({leave: current}, {text: `${depth < MAX_PRETTY_DEPTH ? pretty(depth) : ''}${isArray ? ']' : '}'}`});
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i];
			stack.push({value: child, depth: depth + 1});
			const separator = i > 0 ? ',' : '';
			const name = key === undefined ? '' : `${JSON.stringify(key)}:${depth < MAX_PRETTY_DEPTH && indent ? ' ' : ''}`;
			stack.push({text: `${separator}${depth < MAX_PRETTY_DEPTH ? pretty(depth + 1) : ''}${name}`});
		}
	}

	return parts.join('');
}

function prettyJson(value: unknown): string {
	return json(value, 2);
}

function compactJson(value: unknown): string {
	return json(value);
}

/** A JSON string shown pretty-printed; any other string as it is. */
function prettyIfJsonText(text: string): string {
	const trimmed = text.trim();
	if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) {
		return text;
	}

	try {
		return prettyJson(JSON.parse(trimmed));
	} catch {
		return text;
	}
}

function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------- conversations

type ConversationKind = 'chat' | 'sharegpt';

/**
chat: a list of {role, content}; sharegpt: a list of {from, value}. A stray item of another kind does not
stop a list being a conversation: it is shown as its own block.
*/
function conversationKind(value: unknown): ConversationKind | undefined {
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

function isChatList(value: unknown): value is unknown[] {
	return conversationKind(value) === 'chat';
}

function toneForRole(role: string | undefined): Tone {
	switch (role) {
		case 'system':
		case 'developer': {
			return 'system';
		}

		case 'user':
		case 'human': {
			return 'user';
		}

		case 'assistant':
		case 'gpt':
		case 'model':
		case 'bot': {
			return 'assistant';
		}

		case 'tool':
		case 'function':
		case 'ipython': {
			return 'tool';
		}

		default: {
			return 'field';
		}
	}
}

function withDetails(label: string, details: Array<string | undefined>): string {
	const present = details.filter(detail => detail !== undefined && detail !== '');
	return present.length === 0 ? label : `${label} (${present.join(', ')})`;
}

function shortUrl(url: string): string {
	if (url.startsWith('data:') && url.length > DATA_URL_SHOWN_LENGTH) {
		const header = url.slice(0, url.indexOf(',') + 1 || DATA_URL_SHOWN_LENGTH);
		return `${truncate(header, DATA_URL_SHOWN_LENGTH)}… (${url.length} chars)`;
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

	if (type === 'image_url' || type === 'image' || type === 'input_image') {
		const url = imageUrlOf(part);
		return url === undefined ? '[image]' : `[image: ${shortUrl(url)}]`;
	}

	if (type === 'input_audio' || type === 'audio') {
		return '[audio]';
	}

	return compactJson(part);
}

function contentText(content: unknown): string {
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

function toolCallBlock(call: unknown, speaker: string, tone: Tone): Block {
	if (!isObject(call)) {
		return {label: `${speaker} → tool call`, text: compactJson(call), tone};
	}

	const target = isObject(call['function']) ? call['function'] : call;
	const name = stringOrUndefined(target['name']) ?? '?';
	const label = withDetails(`${speaker} → ${name}`, [stringOrUndefined(call['id'])]);
	return {label, text: argumentsText(target['arguments'] ?? target['parameters']), tone};
}

function toolCallsOf(message: JsonObject): unknown[] {
	const toolCalls = message['tool_calls'];
	if (Array.isArray(toolCalls)) {
		return toolCalls;
	}

	const legacyCall = message['function_call'];
	return legacyCall === undefined || legacyCall === null ? [] : [legacyCall];
}

function messageLabel(message: JsonObject, role: string | undefined): string {
	const weight = message['weight'];
	const details = [
		stringOrUndefined(message['name']),
		stringOrUndefined(message['tool_call_id']),
		typeof weight === 'number' ? `weight ${weight}` : undefined,
	];
	return withDetails(role ?? '?', details);
}

function reasoningOf(message: JsonObject): string | undefined {
	for (const key of ['reasoning_content', 'reasoning', 'thinking']) {
		if (isNonEmptyString(message[key])) {
			return message[key];
		}
	}

	return undefined;
}

interface Voice {
	/** Put before each label, e.g. "chosen · ". */
	labelPrefix: string;
	/** Replaces the role's tone, e.g. 'chosen' for every message of a chosen answer. */
	tone?: Tone;
}

const OWN_VOICE: Voice = {labelPrefix: ''};

function messageBlocks(message: unknown, voice: Voice = OWN_VOICE): Block[] {
	if (!isObject(message)) {
		return [{label: `${voice.labelPrefix}?`, text: compactJson(message), tone: voice.tone ?? 'field'}];
	}

	const role = stringOrUndefined(message['role']);
	const tone = voice.tone ?? toneForRole(role);
	const label = `${voice.labelPrefix}${messageLabel(message, role)}`;
	const toolCalls = toolCallsOf(message);
	const blocks: Block[] = [];

	const reasoning = reasoningOf(message);
	if (reasoning !== undefined) {
		blocks.push({label: `${label} · reasoning`, text: reasoning, tone});
	}

	const content = message['content'];
	// Tool results are mostly one-line JSON: pretty-printed, a reviewer can read them.
	const text = toneForRole(role) === 'tool' && typeof content === 'string' ? prettyIfJsonText(content) : contentText(content);
	// An assistant turn that only calls tools has content null: its calls are the whole turn.
	if (text !== '' || toolCalls.length === 0) {
		blocks.push({label, text, tone});
	}

	for (const call of toolCalls) {
		blocks.push(toolCallBlock(call, `${voice.labelPrefix}${role ?? '?'}`, tone));
	}

	return blocks;
}

function chatBlocks(messages: unknown[], voice: Voice = OWN_VOICE): Block[] {
	return messages.flatMap(message => messageBlocks(message, voice));
}

const SHAREGPT_SPEAKERS: Record<string, {label: string; tone: Tone}> = {
	human: {label: 'user', tone: 'user'},
	user: {label: 'user', tone: 'user'},
	gpt: {label: 'assistant', tone: 'assistant'},
	assistant: {label: 'assistant', tone: 'assistant'},
	chatgpt: {label: 'assistant', tone: 'assistant'},
	bing: {label: 'assistant', tone: 'assistant'},
	bard: {label: 'assistant', tone: 'assistant'},
	system: {label: 'system', tone: 'system'},
	function_call: {label: 'assistant → function call', tone: 'assistant'},
	observation: {label: 'observation', tone: 'tool'},
	tool: {label: 'tool', tone: 'tool'},
	function: {label: 'tool', tone: 'tool'},
};

function shareGptTurnBlock(turn: unknown): Block {
	if (!isObject(turn)) {
		return {label: '?', text: compactJson(turn), tone: 'field'};
	}

	const from = stringOrUndefined(turn['from']);
	const speaker = from !== undefined && Object.hasOwn(SHAREGPT_SPEAKERS, from)
		? SHAREGPT_SPEAKERS[from]
		: {label: from ?? '?', tone: 'field' as Tone};
	const value = turn['value'];
	const isToolTraffic = speaker.tone === 'tool' || from === 'function_call';
	const text = typeof value === 'string' && isToolTraffic ? prettyIfJsonText(value) : contentText(value);
	return {label: speaker.label, text, tone: speaker.tone};
}

// ---------------------------------------------------------------- tools list

function parameterType(schema: unknown): string {
	if (!isObject(schema)) {
		return 'any';
	}

	const enumValues = schema['enum'];
	if (Array.isArray(enumValues) && enumValues.length > 0) {
		return enumValues.map(value => compactJson(value)).join('|');
	}

	const type = schema['type'];
	if (type === 'array') {
		return `${parameterType(schema['items'])}[]`;
	}

	if (typeof type === 'string') {
		return type;
	}

	return Array.isArray(type) ? type.map(item => (typeof item === 'string' ? item : compactJson(item))).join('|') : 'any';
}

function parameterSummary(parameters: unknown): string {
	if (!isObject(parameters) || !isObject(parameters['properties'])) {
		return '';
	}

	const required = Array.isArray(parameters['required']) ? parameters['required'] : [];
	return Object.entries(parameters['properties'])
		.map(([name, schema]) => `${name}${required.includes(name) ? '' : '?'}: ${parameterType(schema)}`)
		.join(', ');
}

function toolLine(tool: unknown): string {
	if (!isObject(tool)) {
		return compactJson(tool);
	}

	const definition = isObject(tool['function']) ? tool['function'] : tool;
	const name = stringOrUndefined(definition['name']) ?? stringOrUndefined(tool['type']) ?? '?';
	const signature = `${name}(${parameterSummary(definition['parameters'])})`;
	const description = stringOrUndefined(definition['description'])?.trim().split('\n')[0];
	return isNonEmptyString(description)
		? `${signature} — ${truncate(description, TOOL_DESCRIPTION_MAX_LENGTH)}`
		: signature;
}

/** The tools offered to the model, given as a list or as a JSON string holding one. */
function toolList(value: unknown): unknown[] | undefined {
	const list = typeof value === 'string' ? parseJsonText(value) : value;
	return Array.isArray(list) && list.length > 0 ? list : undefined;
}

function toolsBlock(tools: unknown[]): Block {
	return {label: `tools (${tools.length})`, text: tools.map(tool => toolLine(tool)).join('\n'), tone: 'tool'};
}

/** Blocks for a top-level tools (or legacy functions) list, when there is a usable one. */
function toolsRendering(sample: JsonObject): Rendering {
	for (const key of ['tools', 'functions']) {
		const tools = toolList(ownField(sample, key));
		if (tools !== undefined) {
			return {blocks: [toolsBlock(tools)], consumedKeys: [key]};
		}
	}

	return {blocks: [], consumedKeys: []};
}

function systemRendering(sample: JsonObject): Rendering {
	const system = ownField(sample, 'system');
	return typeof system === 'string'
		? {blocks: [{label: 'system', text: system, tone: 'system'}], consumedKeys: ['system']}
		: {blocks: [], consumedKeys: []};
}

// ---------------------------------------------------------------- detection

/** A prompt, completion, chosen or rejected answer: plain text or a chat list. */
function isTextOrChat(value: unknown): value is string | unknown[] {
	return typeof value === 'string' || isChatList(value);
}

function isPreferenceApi(sample: JsonObject): boolean {
	const input = ownField(sample, 'input');
	return isObject(input)
		&& isChatList(input['messages'])
		&& (Array.isArray(ownField(sample, 'preferred_output')) || Array.isArray(ownField(sample, 'non_preferred_output')));
}

function isPreferencePair(sample: JsonObject): boolean {
	return isTextOrChat(ownField(sample, 'chosen')) && isTextOrChat(ownField(sample, 'rejected'));
}

function hasPromptAndCompletion(sample: JsonObject): boolean {
	return isTextOrChat(ownField(sample, 'prompt')) && isTextOrChat(ownField(sample, 'completion'));
}

function isKto(sample: JsonObject): boolean {
	return typeof ownField(sample, 'label') === 'boolean'
		&& (isChatList(ownField(sample, 'messages')) || hasPromptAndCompletion(sample));
}

/** The key holding the conversation of a chat or ShareGPT sample, and which of the two it is. */
function conversationOf(sample: JsonObject): {key: string; kind: ConversationKind} | undefined {
	for (const key of ['messages', 'conversations', 'conversation']) {
		const kind = conversationKind(ownField(sample, key));
		if (kind !== undefined) {
			return {key, kind};
		}
	}

	return undefined;
}

function alpacaAnswerKey(sample: JsonObject): string | undefined {
	return ['output', 'response'].find(key => typeof ownField(sample, key) === 'string');
}

function isAlpaca(sample: JsonObject): boolean {
	return typeof ownField(sample, 'instruction') === 'string' && alpacaAnswerKey(sample) !== undefined;
}

function isQuestionAnswer(sample: JsonObject): boolean {
	return typeof ownField(sample, 'question') === 'string' && typeof ownField(sample, 'answer') === 'string';
}

function isChoices(sample: JsonObject): boolean {
	const choices = ownField(sample, 'choices');
	return Array.isArray(choices)
		&& choices.every(choice => isObject(choice) && Array.isArray(choice['turns']))
		&& choices.some(choice => (choice['turns'] as unknown[]).length > 0);
}

function detectObjectFormat(sample: JsonObject): Format {
	if (isPreferenceApi(sample)) {
		return 'preference-api';
	}

	if (isPreferencePair(sample)) {
		return 'preference';
	}

	if (isKto(sample)) {
		return 'kto';
	}

	const conversation = conversationOf(sample);
	if (conversation !== undefined) {
		return conversation.kind;
	}

	if (isAlpaca(sample)) {
		return 'alpaca';
	}

	if (hasPromptAndCompletion(sample)) {
		return 'prompt-completion';
	}

	if (isQuestionAnswer(sample)) {
		return 'question-answer';
	}

	if (isChoices(sample)) {
		return 'choices';
	}

	return typeof ownField(sample, 'text') === 'string' ? 'text' : 'json';
}

/** Which known shape a parsed sample has; 'json' when none. */
export function detectFormat(value: unknown): Format {
	return isObject(value) ? detectObjectFormat(value) : 'json';
}

// ---------------------------------------------------------------- rendering per format

function textOrChatBlocks(value: unknown, textLabel: string, textTone: Tone, voice: Voice = OWN_VOICE): Block[] {
	if (typeof value === 'string') {
		return [{label: textLabel, text: value, tone: textTone}];
	}

	if (Array.isArray(value)) {
		return chatBlocks(value, voice);
	}

	return [{label: textLabel, text: value === undefined ? '' : prettyJson(value), tone: textTone}];
}

function renderChat(sample: JsonObject): Rendering {
	const conversation = conversationOf(sample)!;
	const messages = sample[conversation.key] as unknown[];
	const blocks = conversation.kind === 'chat'
		? chatBlocks(messages)
		: messages.map(turn => shareGptTurnBlock(turn));
	return {blocks, consumedKeys: [conversation.key]};
}

function historyBlocks(history: unknown): Block[] | undefined {
	const isPairList = Array.isArray(history)
		&& history.every(pair => Array.isArray(pair) && pair.length === 2 && pair.every(turn => typeof turn === 'string'));
	if (!isPairList) {
		return undefined;
	}

	return (history as string[][]).flatMap(([question, answer]) => [
		{label: 'user', text: question, tone: 'user' as Tone},
		{label: 'assistant', text: answer, tone: 'assistant' as Tone},
	]);
}

function renderAlpaca(sample: JsonObject): Rendering {
	const answerKey = alpacaAnswerKey(sample)!;
	const consumedKeys = ['instruction', answerKey];
	const blocks: Block[] = [];

	const history = historyBlocks(ownField(sample, 'history'));
	if (history !== undefined) {
		blocks.push(...history);
		consumedKeys.push('history');
	}

	blocks.push({label: 'instruction', text: sample['instruction'] as string, tone: 'prompt'});

	// Dolly-style sets call the input "context".
	const inputKey = ['input', 'context'].find(key => ownField(sample, key) !== undefined);
	if (inputKey !== undefined) {
		consumedKeys.push(inputKey);
		const input = sample[inputKey];
		if (input !== '' && input !== null) {
			blocks.push({label: inputKey, text: typeof input === 'string' ? input : prettyJson(input), tone: 'prompt'});
		}
	}

	blocks.push({label: answerKey, text: sample[answerKey] as string, tone: 'completion'});
	return {blocks, consumedKeys};
}

function renderPromptCompletion(sample: JsonObject): Rendering {
	return {
		blocks: [
			...textOrChatBlocks(sample['prompt'], 'prompt', 'prompt'),
			...textOrChatBlocks(sample['completion'], 'completion', 'completion'),
		],
		consumedKeys: ['prompt', 'completion'],
	};
}

function renderQuestionAnswer(sample: JsonObject): Rendering {
	return {
		blocks: [
			{label: 'question', text: sample['question'] as string, tone: 'prompt'},
			{label: 'answer', text: sample['answer'] as string, tone: 'completion'},
		],
		consumedKeys: ['question', 'answer'],
	};
}

function renderText(sample: JsonObject): Rendering {
	return {blocks: [{label: 'text', text: sample['text'] as string, tone: 'completion'}], consumedKeys: ['text']};
}

function desirability(label: boolean): string {
	return label ? 'desirable' : 'undesirable';
}

function renderKto(sample: JsonObject): Rendering {
	const rendering = isChatList(ownField(sample, 'messages'))
		? {blocks: chatBlocks(sample['messages'] as unknown[]), consumedKeys: ['messages']}
		: renderPromptCompletion(sample);
	const judged = rendering.blocks.findLastIndex(block => block.tone === 'assistant' || block.tone === 'completion');
	const target = rendering.blocks[judged === -1 ? rendering.blocks.length - 1 : judged];
	if (target !== undefined) {
		target.label = `${target.label} (label: ${desirability(sample['label'] as boolean)})`;
	}

	// The label itself stays in the metadata too, as the raw true/false.
	return rendering;
}

function sameMessage(first: unknown, second: unknown): boolean {
	return compactJson(first) === compactJson(second);
}

/** How many leading messages two answers share: their common (implicit) prompt. Each keeps at least one. */
function sharedPrefixLength(chosen: unknown[], rejected: unknown[]): number {
	const limit = Math.min(chosen.length, rejected.length) - 1;
	let length = 0;
	while (length < limit && sameMessage(chosen[length], rejected[length])) {
		length++;
	}

	return length;
}

function promptKeyOf(sample: JsonObject): string | undefined {
	return ['prompt', 'question', 'instruction'].find(key => ownField(sample, key) !== undefined);
}

/**
The prompt of a preference pair, and the messages its two answers share. Chat-form answers often repeat
the prompt as their first messages: show it once.
*/
function promptAndSharedBlocks(promptKey: string | undefined, prompt: unknown, sharedMessages: unknown[]): Block[] {
	const sharedBlocks = chatBlocks(sharedMessages);
	if (promptKey === undefined) {
		return sharedBlocks;
	}

	const promptBlocks = textOrChatBlocks(prompt, promptKey, 'prompt');
	if (Array.isArray(prompt) && sameMessage(prompt, sharedMessages)) {
		return promptBlocks;
	}

	const lastShared = sharedMessages.at(-1);
	if (typeof prompt === 'string' && isObject(lastShared) && contentText(lastShared['content']).trim() === prompt.trim()) {
		return sharedBlocks;
	}

	return [...promptBlocks, ...sharedBlocks];
}

function renderPreferencePair(sample: JsonObject): Rendering {
	const chosen = sample['chosen'];
	const rejected = sample['rejected'];
	const promptKey = promptKeyOf(sample);
	const prompt = promptKey === undefined ? undefined : sample[promptKey];
	const shared = Array.isArray(chosen) && Array.isArray(rejected) ? sharedPrefixLength(chosen, rejected) : 0;
	const sharedMessages = Array.isArray(chosen) ? chosen.slice(0, shared) : [];
	const chosenRest = Array.isArray(chosen) ? chosen.slice(shared) : chosen;
	const rejectedRest = Array.isArray(rejected) ? rejected.slice(shared) : rejected;

	const blocks = [
		...promptAndSharedBlocks(promptKey, prompt, sharedMessages),
		...textOrChatBlocks(chosenRest, 'chosen', 'chosen', {labelPrefix: 'chosen · ', tone: 'chosen'}),
		...textOrChatBlocks(rejectedRest, 'rejected', 'rejected', {labelPrefix: 'rejected · ', tone: 'rejected'}),
	];
	const consumedKeys = ['chosen', 'rejected'];
	if (promptKey !== undefined) {
		consumedKeys.push(promptKey);
	}

	return {blocks, consumedKeys};
}

function renderPreferenceApi(sample: JsonObject): Rendering {
	const input = sample['input'] as JsonObject;
	const blocks: Block[] = [];
	const inputTools = toolList(input['tools']);
	if (inputTools !== undefined) {
		blocks.push(toolsBlock(inputTools));
	}

	blocks.push(
		...chatBlocks(input['messages'] as unknown[]),
		...textOrChatBlocks(ownField(sample, 'preferred_output'), 'preferred', 'chosen', {labelPrefix: 'preferred · ', tone: 'chosen'}),
		...textOrChatBlocks(ownField(sample, 'non_preferred_output'), 'non-preferred', 'rejected', {labelPrefix: 'non-preferred · ', tone: 'rejected'}),
	);
	const nestedMetadata = Object.keys(input)
		.filter(key => key !== 'messages' && !(key === 'tools' && inputTools !== undefined))
		.map(key => ({key: `input.${key}`, value: compactValue(input[key])}));
	return {blocks, consumedKeys: ['input', 'preferred_output', 'non_preferred_output'], nestedMetadata};
}

function renderChoices(sample: JsonObject): Rendering {
	const choices = sample['choices'] as JsonObject[];
	const blocks = choices.flatMap((choice, choiceIndex) => {
		const prefix = choices.length > 1 ? `choice ${choiceIndex + 1} · ` : '';
		return (choice['turns'] as unknown[]).map((turn, turnIndex): Block => ({
			label: `${prefix}turn ${turnIndex + 1}`,
			text: contentText(turn),
			tone: 'assistant',
		}));
	});
	return {blocks, consumedKeys: ['choices']};
}

const RENDERERS: Record<Exclude<Format, 'json'>, (sample: JsonObject) => Rendering> = {
	chat: renderChat,
	sharegpt: renderChat,
	alpaca: renderAlpaca,
	'prompt-completion': renderPromptCompletion,
	'question-answer': renderQuestionAnswer,
	text: renderText,
	preference: renderPreferencePair,
	'preference-api': renderPreferenceApi,
	kto: renderKto,
	choices: renderChoices,
};

// ---------------------------------------------------------------- metadata and entry points

/** For one line: strings as they are (not quoted), anything else as JSON; cut to METADATA_MAX_LENGTH. */
export function compactValue(value: unknown): string {
	return truncate(typeof value === 'string' ? value : compactJson(value), METADATA_MAX_LENGTH);
}

function metadataOf(sample: JsonObject, consumedKeys: Set<string>): MetadataEntry[] {
	const keys = Object.keys(sample).filter(key => !consumedKeys.has(key));
	// The id first: it is what a reviewer quotes.
	keys.sort((first, second) => Number(second === 'id') - Number(first === 'id'));
	return keys.map(key => ({key, value: compactValue(sample[key])}));
}

function renderAsJson(value: unknown): RenderedSample {
	return {
		format: 'json',
		formatLabel: FORMAT_LABELS.json,
		blocks: [{label: 'JSON', text: prettyJson(value), tone: 'json'}],
		metadata: [],
	};
}

function renderRecognised(sample: JsonObject, format: Exclude<Format, 'json'>): RenderedSample {
	const context = [systemRendering(sample), toolsRendering(sample)];
	const body = RENDERERS[format](sample);
	const renderings = [...context, body];
	const consumedKeys = new Set(renderings.flatMap(rendering => rendering.consumedKeys));
	return {
		format,
		formatLabel: FORMAT_LABELS[format],
		blocks: renderings.flatMap(rendering => rendering.blocks),
		metadata: [...metadataOf(sample, consumedKeys), ...(body.nestedMetadata ?? [])],
	};
}

/** The display model of one parsed sample. Never throws: anything unexpected is shown as pretty JSON. */
export function renderSample(value: unknown): RenderedSample {
	try {
		const format = detectFormat(value);
		return format === 'json' ? renderAsJson(value) : renderRecognised(value as JsonObject, format);
	} catch {
		return renderAsJson(value);
	}
}
