/* Plain text: {"text": …}. Last before the JSON fallback: many formats also carry a text field. */
import {defineFormat} from './types.js';
import {ownField, turnText} from './values.js';

export const text = defineFormat({
	name: 'text',
	label: 'text',
	detect: sample => typeof ownField(sample, 'text') === 'string',
	render: sample => ({blocks: [{label: 'text', text: turnText(sample['text'] as string), tone: 'completion'}], consumedKeys: ['text']}),
});
