/*
A conversation kept as an object of numbered turns, each an object of texts by speaker: MOSS-003's
{"meta_instruction", "chat": {"turn_1": {"Human", "Inner Thoughts", "Commands", "Tool Responses", "MOSS"}, …}}.
Turns in their number's order. Texts written in a template (MOSS's `<|Human|>: …<eoh>`) are read as that template
(chat-templates.ts), as MOSS-002's plain_text is; otherwise, in a turn, the speaker known as a user (Human, user, prompter) is the user, thoughts
are the assistant's reasoning, commands and tool results are tool blocks, and any other speaker (MOSS, the model's
own name) the assistant. A text's own speaker tag and end token (`<|Human|>: …<eoh>`, `<|MOSS|>: …<eom>`) are the
template's, not the text: left out, as are the "None" placeholders of steps a turn did not take. A top-level
instruction or system text (meta_instruction) is shown first as the system prompt.
*/
import {parseTemplatedText} from './chat-templates.js';
import {keyWords} from './key-families.js';
import {speakerOf} from './roles.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, turnText} from './values.js';

const turnKey = /^(?:turn|round|dialog|dialogue|step|exchange)[_\- ]?(\d+)$/i;

function turnsOf(value: unknown): Array<[number, JsonObject]> | undefined {
	if (!isObject(value)) return undefined;
	const entries = Object.entries(value);
	if (entries.length === 0) return undefined;
	const turns: Array<[number, JsonObject]> = [];
	for (const [key, turn] of entries) {
		const number = turnKey.exec(key);
		if (number === null || !isObject(turn) || !Object.values(turn).every(text => typeof text === 'string') || Object.keys(turn).length < 2) return undefined;
		turns.push([Number(number[1]), turn]);
	}

	return turns.sort((first, second) => first[0] - second[0]);
}

function conversationKeyOf(sample: JsonObject): string | undefined {
	return Object.keys(sample).find(key => turnsOf(sample[key]) !== undefined);
}

/** The text without the template's speaker tag before it and end token after it. */
function ownText(text: string): string {
	return text.replace(/^\s*<\|[^|<>\n]{1,40}\|>\s*:?\s?/, '').replace(/\s*<eo[a-z]>\s*$/, '').replace(/\s+$/, '');
}

function speakerBlock(name: string, text: string, first: boolean): Block | undefined {
	const own = ownText(text);
	if (own === '' || own === 'None') return undefined;
	const words = keyWords(name);
	if (words.some(word => ['thought', 'thoughts', 'thinking', 'think', 'reasoning'].includes(word))) return {label: `${name} · reasoning`, text: own, tone: 'assistant', reasoning: true};
	if (words.some(word => ['command', 'commands', 'action', 'actions', 'tool', 'tools', 'result', 'results', 'observation', 'function'].includes(word))) return {label: name, text: own, tone: 'tool'};
	const speaker = speakerOf(name);
	const tone = speaker?.tone ?? (first || words.some(word => ['question', 'prompt', 'query', 'instruction'].includes(word)) ? 'user' : 'assistant');
	return {label: name, text: turnText(own), tone};
}

export const turnDict = defineFormat({
	name: 'turn-dict',
	label: 'numbered turns',
	detect: sample => conversationKeyOf(sample) !== undefined,
	render(sample) {
		const key = conversationKeyOf(sample)!;
		const blocks: Block[] = [];
		const consumedKeys = [key];
		const instruction = Object.keys(sample).find(name => typeof sample[name] === 'string' && keyWords(name).some(word => word === 'instruction' || word === 'system'));
		if (instruction !== undefined && (sample[instruction] as string).trim() !== '') {
			blocks.push({label: instruction, text: sample[instruction] as string, tone: 'system'});
			consumedKeys.push(instruction);
		}

		const turns = turnsOf(sample[key])!;
		// Texts written in a template of their own (MOSS's `<|Human|>: …<eoh>`) are read as the same text in one
		// field would be (chat-templates.ts), so both MOSS releases show alike; else by each text's speaker.
		const templated = parseTemplatedText(turns.flatMap(([, turn]) => Object.values(turn) as string[]).filter(text => !/^\s*<\|[^|<>\n]{1,40}\|>\s*:\s*None\s*<eo[a-z]>\s*$/.test(text)).join(''));
		if (templated !== undefined) return {blocks: [...blocks, ...templated.blocks], consumedKeys, label: `numbered turns (${templated.template})`};
		for (const [, turn] of turns) {
			for (const [index, [name, text]] of Object.entries(turn).entries()) {
				const block = speakerBlock(name, text as string, index === 0);
				if (block !== undefined) blocks.push(block);
			}
		}

		return {blocks, consumedKeys};
	},
});
