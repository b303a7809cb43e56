/*
Preference pairs: {"prompt", "chosen", "rejected"}, each plain text or a chat list (the prompt may also be
called question or instruction). Chat-form answers often repeat the prompt as their first messages: the
shared messages are shown once, then what each answer adds. A prompt with a chat template applied is shown
as its turns (chat-templates.ts).
*/
import {parseTemplatedText} from './chat-templates.js';
import {compactJson} from './json-text.js';
import {chatBlocks, contentText, conversationKeys, conversationKind, isTextOrChat, textOrChatBlocks, type Voice} from './messages.js';
import {transcriptMessages} from './transcript.js';
import {defineFormat, type Block, type JsonObject, type Rendering} from './types.js';
import {isObject, ownField, turnText} from './values.js';

export const chosenVoice: Voice = {labelPrefix: 'chosen · ', tone: 'chosen'};
export const rejectedVoice: Voice = {labelPrefix: 'rejected · ', tone: 'rejected'};

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

/** Where pairs keep the prompt: argilla's orca_dpo_pairs call it `input` (beside `system`). */
const promptKeys = ['prompt', 'question', 'instruction', 'input', 'query'] as const;

export function promptKeyOf(sample: JsonObject): string | undefined {
	return promptKeys.find(key => ownField(sample, key) !== undefined);
}

/**
 * A pair without a prompt under a known name whose prompt is a conversation under a name of its own
 * (UltraInteract's `trajectory`: the turns before the two answers): that key. A conversation under one of
 * the usual names is preference-conversation's shape.
 */
function conversationPromptKey(sample: JsonObject): string | undefined {
	return Object.keys(sample).find(key => key !== 'chosen' && key !== 'rejected' && conversationKind(sample[key]) !== undefined);
}

/** Alpaca-style pairs: an instruction and its `input` (the text to work on), both shown. */
function inputBesideInstruction(sample: JsonObject, promptKey: string | undefined): Block[] {
	const input = ownField(sample, 'input');
	return promptKey === 'instruction' && typeof input === 'string' && input.trim() !== '' ? [{label: 'input', text: input, tone: 'prompt'}] : [];
}

/** The prompt of a pair, and the messages its two answers share, each shown once. */
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

/** A prompt with the chat template applied and two answers closed by its end token (DPO sets written for one model). */
function templatedPairRendering(prompt: string, chosen: unknown, rejected: unknown): Omit<Rendering, 'consumedKeys'> | undefined {
	const templated = typeof chosen === 'string' && typeof rejected === 'string' ? parseTemplatedText(prompt) : undefined;
	if (templated === undefined) return undefined;
	return {
		blocks: [
			...templated.blocks,
			{label: 'chosen', text: turnText(templated.answerText(chosen as string)), tone: 'chosen'},
			{label: 'rejected', text: turnText(templated.answerText(rejected as string)), tone: 'rejected'},
		],
		label: `preference pair (${templated.template})`,
	};
}

/** Both answers as text or chats, or one of them null (never written: shown as `(empty)`). */
function hasAnswerPair(sample: JsonObject): boolean {
	const chosen = ownField(sample, 'chosen');
	const rejected = ownField(sample, 'rejected');
	return (isTextOrChat(chosen) || chosen === null) && (isTextOrChat(rejected) || rejected === null) && (chosen !== null || rejected !== null);
}

export const preference = defineFormat({
	name: 'preference',
	label: 'preference pair',
	detect: hasAnswerPair,
	render(sample) {
		const promptKey = promptKeyOf(sample) ?? conversationPromptKey(sample);
		// HH-RLHF writes both answers as one Human/Assistant transcript each: read them as chats.
		const transcripts = typeof sample['chosen'] === 'string' && typeof sample['rejected'] === 'string'
			? [transcriptMessages(sample['chosen'], true), transcriptMessages(sample['rejected'], true)]
			: [];
		const asChats = transcripts.length === 2 && transcripts.every(messages => messages !== undefined);
		const chosen = asChats ? transcripts[0] : sample['chosen'];
		const rejected = asChats ? transcripts[1] : sample['rejected'];
		const givenPrompt = promptKey === undefined ? undefined : sample[promptKey];
		const templated = !asChats && typeof givenPrompt === 'string' ? templatedPairRendering(givenPrompt, sample['chosen'], sample['rejected']) : undefined;
		if (templated !== undefined) return {...templated, consumedKeys: ['chosen', 'rejected', promptKey!]};
		const prompt = asChats && typeof givenPrompt === 'string' ? transcriptMessages(givenPrompt) ?? givenPrompt : givenPrompt;
		const shared = Array.isArray(chosen) && Array.isArray(rejected) ? sharedPrefixLength(chosen, rejected) : 0;
		const sharedMessages = Array.isArray(chosen) ? chosen.slice(0, shared) : [];
		const chosenRest = Array.isArray(chosen) ? chosen.slice(shared) : chosen;
		const rejectedRest = Array.isArray(rejected) ? rejected.slice(shared) : rejected;

		const blocks = [
			...promptAndSharedBlocks(promptKey, prompt, sharedMessages),
			...inputBesideInstruction(sample, promptKey),
			...textOrChatBlocks(chosenRest, 'chosen', 'chosen', chosenVoice),
			...textOrChatBlocks(rejectedRest, 'rejected', 'rejected', rejectedVoice),
		];
		const consumedKeys = ['chosen', 'rejected'];
		if (promptKey !== undefined) {
			consumedKeys.push(promptKey);
		}

		if (promptKey === 'instruction' && typeof ownField(sample, 'input') === 'string') consumedKeys.push('input');

		// UltraFeedback-style pairs also keep the chosen conversation as `messages`: already on screen.
		for (const key of conversationKeys) {
			const conversation = ownField(sample, key);
			if (conversation !== undefined && sameMessage(conversation, chosen)) consumedKeys.push(key);
		}

		return {blocks, consumedKeys};
	},
});
