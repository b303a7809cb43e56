/* A top-level `system` string, shown first in any recognised format. */
import type {JsonObject, Rendering} from './types.js';
import {ownField} from './values.js';

export function systemRendering(sample: JsonObject): Rendering {
	const system = ownField(sample, 'system');
	return typeof system === 'string'
		? {blocks: [{label: 'system', text: system, tone: 'system'}], consumedKeys: ['system']}
		: {blocks: [], consumedKeys: []};
}
