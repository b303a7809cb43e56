/*
Role names as generators spell them, for every conversation format: OpenAI's user/assistant, ShareGPT's
human/gpt, Gemini's model, Cohere's USER/CHATBOT, OpenAssistant's prompter, … in any case. One table, so a
new spelling is recognised by chat, ShareGPT, preference pairs and KTO alike.
*/
import type {Tone} from './types.js';

export type Speaker = {
	/** The role's usual name, how ShareGPT turns are labelled ("human" is shown as "user"). */
	label: string;
	tone: Tone;
};

const system: Speaker = {label: 'system', tone: 'system'};
const user: Speaker = {label: 'user', tone: 'user'};
const assistant: Speaker = {label: 'assistant', tone: 'assistant'};
const tool: Speaker = {label: 'tool', tone: 'tool'};

const speakers = new Map<string, Speaker>([
	['system', system],
	['developer', {label: 'developer', tone: 'system'}],
	['user', user],
	['human', user],
	['prompter', user],
	['assistant', assistant],
	['gpt', assistant],
	['model', assistant],
	['bot', assistant],
	['chatbot', assistant],
	['chatgpt', assistant],
	['bing', assistant],
	['bard', assistant],
	['tool', tool],
	['function', tool],
	['ipython', tool],
	// LLaMA-Factory's name for a tool's answer.
	['observation', tool],
]);

/** The speaker a role name stands for, whatever its case; undefined for a name no generator is known to use. */
export function speakerOf(role: string | undefined): Speaker | undefined {
	return role === undefined ? undefined : speakers.get(role.trim().toLowerCase());
}

export function toneForRole(role: string | undefined): Tone {
	return speakerOf(role)?.tone ?? 'field';
}
