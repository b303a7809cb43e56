/*
Chat templates baked into one text: ChatML, Llama 2's [INST], Llama 3's headers, Gemma's turns, Zephyr's
<|user|>/<|assistant|>, and plain-text role transcripts (### Instruction: / ### Response:, USER: / ASSISTANT:, glaive's USER: / ASSISTANT: / FUNCTION RESPONSE:,
HH's Human: / Assistant:). A text is read as turns only when the whole of it follows the template; the
template's own tokens are then structure, and whatever is left inside a turn (an <|im_end|> in the middle
of an answer, a stray <|endoftext|> after its end) is the turn's content, where the special-token signal
finds it.
*/
import {toneForRole} from './messages.js';
import {speakerOf} from './roles.js';
import {transcriptMessages} from './transcript.js';
import type {Block, Tone} from './types.js';

export type TemplatedText = {
	template: string;
	blocks: Block[];
	/** An answer given apart from this (prompt) text, without the tokens that close its turn; stray ones after them stay. */
	answerText(answer: string): string;
};

/** `open`: the turn has no end token (a prompt left open for a model to complete). */
type Turn = {label: string; tone: Tone; content: string; open?: boolean; reasoning?: true};

const roleName = '([A-Za-z_][\\w.-]{0,30})';

function roleTurn(role: string, content: string): Turn {
	return {label: role, tone: toneForRole(role), content};
}

/** Stray tokens (an <|endoftext|> after a turn's end): kept in the turn, where the special-token signal finds them. */
const onlyTokens = /^(?:\s*(?:<\|[\w.-]{1,30}\|>|<\/?s>))+\s*$/;

/**
 * A turn's text without the end token that closes it: the last one in it, followed by nothing but white
 * space or stray tokens (which stay in the text). 'open' when it has no end token.
 */
function closedTurn(body: string, ends: readonly string[]): {text: string} | 'open' | 'words after the end' {
	const end = Math.max(-1, ...ends.map(token => body.lastIndexOf(token)));
	if (end === -1) return 'open';
	const endToken = ends.find(token => body.startsWith(token, end))!;
	const rest = body.slice(end + endToken.length);
	if (rest.trim() === '') return {text: body.slice(0, end)};
	return onlyTokens.test(rest) ? {text: body.slice(0, end) + rest} : 'words after the end';
}

/**
 * Turns that each open with `start` + a header (the role) and close with one of `ends`. A turn's content
 * runs to the last end token in it: an earlier one is a token leaked into the content. After that last end
 * token only white space or stray tokens (kept in the content); words there are not this template.
 * Only the last turn may be left open.
 */
function delimitedTurns(text: string, start: string, header: RegExp, ends: readonly string[]): Turn[] | undefined {
	const segments = text.split(start);
	if (segments[0].trim() !== '' || segments.length < 2) return undefined;
	const turns: Turn[] = [];
	for (const [index, segment] of segments.slice(1).entries()) {
		const isLast = index === segments.length - 2;
		const head = header.exec(segment);
		if (!head) return undefined;
		const body = segment.slice(head[0].length);
		const closed = closedTurn(body, ends);
		if (closed === 'words after the end' || (closed === 'open' && !isLast)) return undefined;
		turns.push({...roleTurn(head[1], (closed === 'open' ? body : closed.text).trim()), open: closed === 'open'});
	}

	return withoutOpenPrompt(turns);
}

/**
 * A text that ends by opening the assistant's turn for a model to complete: that empty turn is not shown.
 * An empty turn closed by its end token (`<|im_start|>assistant\n<|im_end|>`) is an empty answer and stays.
 */
function withoutOpenPrompt(turns: Turn[]): Turn[] | undefined {
	const last = turns.at(-1);
	if (turns.length > 1 && last!.content === '' && last!.open !== false) turns.pop();
	return turns.length === 0 ? undefined : turns;
}

/** The role on its own line after the opening token: ChatML, Gemma. */
const roleLine = new RegExp(`^${roleName}[ \\t]*(?:\\n|$)`);

function chatMl(text: string): Turn[] | undefined {
	return text.trimStart().startsWith('<|im_start|>') ? delimitedTurns(text, '<|im_start|>', roleLine, ['<|im_end|>']) : undefined;
}

const llama3Header = new RegExp(`^${roleName}<\\|end_header_id\\|>[ \\t]*\\n{0,2}`);

function llama3(text: string): Turn[] | undefined {
	let body = text.trim();
	if (body.startsWith('<|begin_of_text|>')) body = body.slice('<|begin_of_text|>'.length);
	if (body.endsWith('<|end_of_text|>')) body = body.slice(0, -'<|end_of_text|>'.length);
	return body.trimStart().startsWith('<|start_header_id|>') ? delimitedTurns(body, '<|start_header_id|>', llama3Header, ['<|eot_id|>', '<|eom_id|>']) : undefined;
}

const llama2System = /^\s*<<SYS>>\n?([\s\S]*?)\n?<<\/SYS>>\s*/;

function stripEnd(text: string, token: string): string {
	const trimmed = text.trimEnd();
	return trimmed.endsWith(token) ? trimmed.slice(0, -token.length) : trimmed;
}

/** Llama 2 (and Mistral): `<s>[INST] <<SYS>>\n…\n<</SYS>>\n\nuser [/INST] answer </s><s>[INST] … [/INST] …</s>`. */
function llama2(text: string): Turn[] | undefined {
	const segments = text.trim().split('[INST]');
	if (segments.length < 2 || !/^\s*(?:<s>)?\s*$/.test(segments[0])) return undefined;
	const turns: Turn[] = [];
	for (const [index, segment] of segments.slice(1).entries()) {
		const close = segment.indexOf('[/INST]');
		if (close === -1) return undefined;
		let user = segment.slice(0, close);
		const system = index === 0 ? llama2System.exec(user) : null;
		if (system) {
			turns.push({label: 'system', tone: 'system', content: system[1].trim()});
			user = user.slice(system[0].length);
		}

		const answer = stripEnd(stripEnd(segment.slice(close + '[/INST]'.length), '<s>'), '</s>');
		const closedBySeparator = /<\/s>\s*(?:<s>\s*)?$/.test(segment);
		turns.push({label: 'user', tone: 'user', content: user.trim()}, {label: 'assistant', tone: 'assistant', content: answer.trim(), open: !closedBySeparator});
	}

	return withoutOpenPrompt(turns);
}

type Speaker = {label: string; tone: Tone; side: 'system' | 'user' | 'assistant'};

/** The three speakers most transcripts name, under their own marker words. */
const systemSpeaker: Speaker = {label: 'system', tone: 'system', side: 'system'};
const userSpeaker: Speaker = {label: 'user', tone: 'user', side: 'user'};
const assistantSpeaker: Speaker = {label: 'assistant', tone: 'assistant', side: 'assistant'};

type Transcript = {
	/** Global; group 1 is the role's name, a key of `speakers`. */
	marker: RegExp;
	speakers: Record<string, Speaker>;
	/** Whether the user's side may hold several turns in a row (Alpaca's instruction, then input). */
	userRuns: boolean;
	/** Whether text before the first marker is a system prompt; else only a `<s>` may come before it. */
	preamble: boolean;
	/** End-of-turn tokens a turn may close with (not part of its text). */
	ends: readonly string[];
};

/** The longest text before the first marker still read as a system prompt. */
const maxPreamble = 2000;

/**
 * A transcript whose turns open with role markers. Text before the first marker is a system prompt
 * (Alpaca's "Below is an instruction…"); after it the markers take turns, the user's side first, and
 * the assistant must speak at least once.
 */
function markedTurns(text: string, transcript: Transcript): Turn[] | undefined {
	const {marker, speakers, userRuns, ends} = transcript;
	const markers = [...text.matchAll(marker)];
	if (markers.length < 2) return undefined;
	const turns: Turn[] = [];
	const before = text.slice(0, markers[0].index).trim();
	const preamble = transcript.preamble ? before : '';
	if (transcript.preamble ? before.length > maxPreamble : before !== '' && before !== '<s>') return undefined;
	if (preamble !== '') turns.push({label: 'system', tone: 'system', content: preamble});
	let previous: Speaker['side'] | undefined;
	for (const [index, found] of markers.entries()) {
		const speaker = speakers[found[1]];
		const follows = speaker.side === 'system'
			? previous === undefined && preamble === ''
			: speaker.side === 'user'
				? previous !== 'user' || userRuns
				: previous === 'user';
		if (!follows) return undefined;
		previous = speaker.side;
		const end = index + 1 < markers.length ? markers[index + 1].index : text.length;
		const content = text.slice(found.index + found[0].length, end);
		// The markers mark the turns: words after an end token inside one are its text, with a leaked token.
		const closed = closedTurn(content, ends);
		turns.push({label: speaker.label, tone: speaker.tone, content: (typeof closed === 'object' ? closed.text : content).trim(), open: typeof closed !== 'object'});
	}

	return markers.some(found => speakers[found[1]].side === 'assistant') ? withoutOpenPrompt(turns) : undefined;
}

const alpacaTranscript: Transcript = {
	// Gorilla writes "###Instruction: …\n###Output: …".
	marker: /(?<=^|\n)[ \t]*###[ \t]?(Instruction|Input|Response|Output|System):[ \t]*\n?/g,
	speakers: {
		System: systemSpeaker,
		Instruction: {label: 'instruction', tone: 'prompt', side: 'user'},
		Input: {label: 'input', tone: 'prompt', side: 'user'},
		Response: {label: 'response', tone: 'completion', side: 'assistant'},
		Output: {label: 'output', tone: 'completion', side: 'assistant'},
	},
	userRuns: true,
	preamble: true,
	ends: ['</s>'],
};

/** OpenAssistant Guanaco: "### Human: …### Assistant: …", the markers often inline. */
const hashedChatTranscript: Transcript = {
	marker: /### (Human|Assistant|System):[ \t]*\n?/g,
	speakers: {
		System: systemSpeaker,
		Human: userSpeaker,
		Assistant: assistantSpeaker,
	},
	userRuns: false,
	preamble: true,
	ends: ['</s>'],
};

/** Vicuna: "A chat between … USER: … ASSISTANT: …</s>USER: …", the markers inline. */
const vicunaTranscript: Transcript = {
	marker: /(?<=^|\s|<\/s>)(USER|ASSISTANT|SYSTEM):[ \t]*/g,
	speakers: {
		SYSTEM: systemSpeaker,
		USER: userSpeaker,
		ASSISTANT: assistantSpeaker,
	},
	userRuns: false,
	preamble: true,
	ends: ['</s>'],
};

/**
glaive-function-calling: "USER: …\n\n\nASSISTANT: … <|endoftext|>\n\n\nFUNCTION RESPONSE: {…}\n\n\nASSISTANT: …", each
answer closed by <|endoftext|> (the separator, not a leaked token), a call written "<functioncall> {"name": …, "arguments": '{…}'}".
*/
const glaiveTranscript: Transcript = {
	marker: /(?<=^|\s)(USER|ASSISTANT|SYSTEM|FUNCTION RESPONSE):[ \t]*/g,
	speakers: {
		SYSTEM: systemSpeaker,
		USER: userSpeaker,
		ASSISTANT: assistantSpeaker,
		// A tool's answer comes in where the user's turn would: the assistant speaks next.
		'FUNCTION RESPONSE': {label: 'tool', tone: 'tool', side: 'user'},
	},
	userRuns: false,
	preamble: true,
	ends: ['<|endoftext|>'],
};

/** glaive's call: JSON but for the arguments, a JSON text in single quotes. */
function glaiveCall(text: string): {name: string; arguments: string} | undefined {
	const name = /"name"\s*:\s*"([^"]*)"/.exec(text);
	if (!name) return undefined;
	const quoted = /"arguments"\s*:\s*'([\s\S]*)'\s*}\s*$/.exec(text);
	if (quoted) return {name: name[1], arguments: quoted[1]};
	const plain = /"arguments"\s*:\s*([\s\S]*?)\s*}\s*$/.exec(text);
	return {name: name[1], arguments: plain ? plain[1] : ''};
}

function prettyArguments(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text), undefined, 2);
	} catch {
		return text;
	}
}

/** An assistant turn holding a <functioncall>: its words before the call (if any), then `assistant → name` with the arguments. */
function withGlaiveCalls(turns: Turn[]): Turn[] {
	return turns.flatMap(turn => {
		const at = turn.tone === 'assistant' ? turn.content.indexOf('<functioncall>') : -1;
		const call = at === -1 ? undefined : glaiveCall(turn.content.slice(at + '<functioncall>'.length));
		if (call === undefined) return [turn];
		const before = turn.content.slice(0, at).trim();
		return [
			...(before === '' ? [] : [{...turn, content: before}]),
			{label: `assistant → ${call.name}`, tone: 'assistant' as const, content: prettyArguments(call.arguments)},
		];
	}).map(turn => (turn.tone === 'tool' ? {...turn, content: prettyArguments(turn.content)} : turn));
}

function glaive(text: string): Turn[] | undefined {
	const turns = markedTurns(text, glaiveTranscript);
	return turns === undefined ? undefined : withGlaiveCalls(turns);
}

/** Zephyr, Tulu and Phi-3: "<|user|>\n…</s>\n<|assistant|>\n…</s>", or closed by <|end|>. */
const roleTokenTranscript: Transcript = {
	marker: /<\|(system|user|assistant)\|>(?!:)[ \t]*\n?/g,
	speakers: {
		system: systemSpeaker,
		user: userSpeaker,
		assistant: assistantSpeaker,
	},
	userRuns: false,
	preamble: false,
	ends: ['</s>', '<|end|>'],
};

/** Gemma: "<bos><start_of_turn>user\n…<end_of_turn>\n<start_of_turn>model\n…<end_of_turn>". */
function gemma(text: string): Turn[] | undefined {
	let body = text.trim();
	if (body.startsWith('<bos>')) body = body.slice('<bos>'.length);
	if (body.endsWith('<eos>')) body = body.slice(0, -'<eos>'.length);
	return body.trimStart().startsWith('<start_of_turn>') ? delimitedTurns(body, '<start_of_turn>', roleLine, ['<end_of_turn>']) : undefined;
}

function humanAssistant(text: string): Turn[] | undefined {
	const messages = transcriptMessages(text);
	return messages?.[0].role === 'user' ? messages.map(({role, content}) => roleTurn(role, content)) : undefined;
}

/**
Role markers in angle brackets with a colon, each at a line's start: MOSS's "<|Human|>: …<eoh>\n<|MOSS|>: …<eoa>",
OIG's "<human>: …\n<bot>: …". The name must be a role (roles.ts, in any case), a model's own name for the
assistant (MOSS) or one of MOSS's tool-use turns; the <eo·> markers (<eoh> end of human, <eoa> of assistant,
<eom>, <eot>, <eoc>, <eor>, …) close turns. When the text closes its turns so, a marker not right after an end
marker is inside a turn (a leak: the special-token signal finds it there), not a new turn.
*/
const bracketedMarker = /(?<=^|\n)[ \t]*<(\|?)([A-Za-z][A-Za-z _-]{0,23})\1>:[ \t]?/g;
const bracketedEnds = ['<eoh>', '<eoa>', '<eom>', '<eos>', '<eot>', '<eoc>', '<eor>', '<eou>', '<eob>'] as const;
const endsWithEnd = /<eo[a-z]>\s*$/;

type BracketedSpeaker = {label: string; tone: Tone; side: 'system' | 'user' | 'assistant'; reasoning?: true};

/** Names beside roles.ts's: a model's own, and MOSS-003's inner thoughts, plugin commands and their results. */
const bracketedSpeakers = new Map<string, BracketedSpeaker>([
	['moss', {label: 'MOSS', tone: 'assistant', side: 'assistant'}],
	['ai', {label: 'AI', tone: 'assistant', side: 'assistant'}],
	['inner thoughts', {label: 'inner thoughts', tone: 'assistant', side: 'assistant', reasoning: true}],
	['commands', {label: 'assistant → commands', tone: 'assistant', side: 'assistant'}],
	['results', {label: 'results', tone: 'tool', side: 'user'}],
]);

function bracketedSpeaker(name: string): BracketedSpeaker | undefined {
	const own = bracketedSpeakers.get(name.toLowerCase());
	if (own) return own;
	const speaker = speakerOf(name);
	if (speaker === undefined) return undefined;
	const side = speaker.tone === 'system' ? 'system' : speaker.tone === 'assistant' ? 'assistant' : 'user';
	return {label: name.toLowerCase() === 'human' ? 'user' : speaker.label, tone: speaker.tone, side};
}

function bracketedRoles(text: string): Turn[] | undefined {
	const found = [...text.matchAll(bracketedMarker)].filter(marker => bracketedSpeaker(marker[2]) !== undefined);
	const before = found.length === 0 ? '' : text.slice(0, found[0].index).trim();
	if (found.length < 2 || (before !== '' && before !== '<s>')) return undefined;
	// Turns closed by end markers: only a marker right after one opens a turn.
	const closes = endsWithEnd.test(text.slice(0, found[1].index));
	const markers = found.filter((marker, index) => index === 0 || !closes || endsWithEnd.test(text.slice(0, marker.index)));
	const turns: Turn[] = [];
	let sides = '';
	for (const [index, marker] of markers.entries()) {
		const speaker = bracketedSpeaker(marker[2])!;
		if (speaker.side === 'system' ? index > 0 : speaker.side === 'assistant' && !sides.includes('u')) return undefined;
		sides += speaker.side[0];
		const end = index + 1 < markers.length ? markers[index + 1].index : text.length;
		const content = text.slice(marker.index + marker[0].length, end);
		const closed = closedTurn(content, bracketedEnds);
		turns.push({label: speaker.label, tone: speaker.tone, content: (typeof closed === 'object' ? closed.text : content).trim(), open: typeof closed !== 'object', ...(speaker.reasoning ? {reasoning: true} : {})});
	}

	return sides.includes('a') ? withoutOpenPrompt(turns) : undefined;
}

const mayBeBracketed = /(?:^|\n)[ \t]*<\|?[A-Za-z][A-Za-z _-]{0,23}\|?>:/;

type Template = {
	name: string;
	/** A cheap look before parsing. */
	mayBe: (text: string) => boolean;
	turns: (text: string) => Turn[] | undefined;
	/** The tokens that close a turn, for an answer given apart from its templated prompt. */
	ends: readonly string[];
	/** The end-of-text token the template may close the whole text with. */
	eos?: string;
};

const templates: Template[] = [
	{name: 'ChatML', mayBe: text => text.includes('<|im_start|>'), turns: chatMl, ends: ['<|im_end|>']},
	{name: 'Llama 3', mayBe: text => text.includes('<|start_header_id|>'), turns: llama3, ends: ['<|eot_id|>', '<|eom_id|>'], eos: '<|end_of_text|>'},
	{name: 'Llama 2', mayBe: text => text.includes('[/INST]'), turns: llama2, ends: ['</s>']},
	{name: 'Gemma', mayBe: text => text.includes('<start_of_turn>'), turns: gemma, ends: ['<end_of_turn>'], eos: '<eos>'},
	{name: 'Zephyr', mayBe: text => text.includes('<|assistant|>'), turns: text => markedTurns(text, roleTokenTranscript), ends: roleTokenTranscript.ends},
	{name: 'Alpaca', mayBe: text => text.includes('### Instruction:') || text.includes('###Instruction:'), turns: text => markedTurns(text, alpacaTranscript), ends: alpacaTranscript.ends},
	{name: '### Human/Assistant', mayBe: text => text.includes('### Assistant:'), turns: text => markedTurns(text, hashedChatTranscript), ends: hashedChatTranscript.ends},
	// Vicuna closes its answers with </s>: a stray <|endoftext|> there is a leak, not glaive's separator.
	{name: 'glaive', mayBe: text => text.includes('ASSISTANT:') && !text.includes('</s>') && (text.includes('<|endoftext|>') || text.includes('FUNCTION RESPONSE:')), turns: glaive, ends: glaiveTranscript.ends},
	{name: 'USER/ASSISTANT', mayBe: text => text.includes('ASSISTANT:'), turns: text => markedTurns(text, vicunaTranscript), ends: vicunaTranscript.ends},
	{name: 'Human/Assistant', mayBe: text => text.includes('Assistant:'), turns: humanAssistant, ends: []},
	{name: 'bracketed roles', mayBe: text => text.includes('>:') && mayBeBracketed.test(text), turns: bracketedRoles, ends: bracketedEnds},
];

function blocksOf(turns: Turn[]): Block[] {
	return turns.map(({label, tone, content, reasoning}) => ({label, text: content, tone, ...(reasoning ? {reasoning} : {})}));
}

/**
 * The turns of a text written in one of the known chat templates, or undefined when no template accounts
 * for all of it. A prompt may be left open for an answer kept apart (prompt/completion, chosen/rejected):
 * answerText takes off the tokens that close that answer's turn.
 */
export function parseTemplatedText(text: string): TemplatedText | undefined {
	for (const template of templates) {
		if (!template.mayBe(text)) continue;
		const turns = template.turns(text);
		if (turns === undefined) continue;
		return {
			template: template.name,
			blocks: blocksOf(turns),
			answerText(answer) {
				const trimmed = answer.trimEnd();
				const body = template.eos !== undefined && trimmed.endsWith(template.eos) ? trimmed.slice(0, -template.eos.length) : answer;
				const closed = closedTurn(body, template.ends);
				return (typeof closed === 'object' ? closed.text : body).trim();
			},
		};
	}

	return undefined;
}
