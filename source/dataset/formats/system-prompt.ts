/* A top-level system prompt (`system`, or OpenOrca's `system_prompt`), shown first in any recognised format. */
import type {JsonObject, Rendering} from './types.js';
import {firstStringKey} from './values.js';

const systemKeys = ['system', 'system_prompt', 'system_message'] as const;

export function systemRendering(sample: JsonObject): Rendering {
	const key = firstStringKey(sample, systemKeys);
	return key === undefined
		? {blocks: [], consumedKeys: []}
		: {blocks: [{label: 'system', text: sample[key] as string, tone: 'system'}], consumedKeys: [key]};
}
