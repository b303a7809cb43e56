/*
A top-level system prompt, shown first in any recognised format: `system` (a string, or Anthropic's list of
text blocks), OpenOrca's `system_prompt` (left out when empty), or Gemini/Vertex's `systemInstruction` ({parts: [{text}]}).
*/
import {contentText, isMessageLike, messageContent} from './messages.js';
import type {JsonObject, Rendering} from './types.js';
import {isObject, ownField} from './values.js';

const systemKeys = ['system', 'system_prompt', 'system_message', 'systemInstruction', 'system_instruction'] as const;

function systemText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value;
	}

	if (Array.isArray(value) && value.length > 0 && value.every(part => isObject(part) && typeof part['text'] === 'string')) {
		return contentText(value);
	}

	return isMessageLike(value) ? contentText(messageContent(value)) : undefined;
}

/** glaive writes its label into the text ("SYSTEM: You are…"): the block's label says it already. */
const ownLabel = /^SYSTEM:[ \t]*/;

/** The system prompt's block; an empty one (OpenOrca's `"system_prompt": ""`) is no block, its key still consumed. */
export function systemRendering(sample: JsonObject): Rendering {
	for (const key of systemKeys) {
		const text = systemText(ownField(sample, key));
		if (text !== undefined) {
			const shown = text.replace(ownLabel, '');
			return {blocks: shown.trim() === '' ? [] : [{label: 'system', text: shown, tone: 'system'}], consumedKeys: [key]};
		}
	}

	return {blocks: [], consumedKeys: []};
}
