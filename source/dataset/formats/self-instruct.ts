/*
Self-instruct generations: {"instruction", "instances": [{"input", "output"}, …]} and the raw form
{"instruction", "raw_instances": …} (a list of such pairs, or the generator's raw text).
*/
import {contentText} from './messages.js';
import {prettyJson} from './json-text.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {isObject, ownField, turnText} from './values.js';

const instanceKeys = ['instances', 'raw_instances'] as const;

function isInstanceList(value: unknown): value is unknown[] {
	return Array.isArray(value) && value.length > 0 && value.some(item => isObject(item) && ('input' in item || 'output' in item));
}

function instancesOf(sample: JsonObject): Array<{key: string; value: unknown}> {
	return instanceKeys.flatMap(key => {
		const value = ownField(sample, key);
		return isInstanceList(value) || (key === 'raw_instances' && typeof value === 'string') ? [{key, value}] : [];
	});
}

function instanceBlocks(key: string, instances: unknown[]): Block[] {
	const name = key === 'instances' ? 'instance' : 'raw instance';
	return instances.flatMap((instance, index): Block[] => {
		const prefix = `${name} ${index + 1}`;
		if (!isObject(instance)) return [{label: prefix, text: prettyJson(instance), tone: 'field'}];
		const blocks: Block[] = [];
		const input = instance['input'];
		if (input !== undefined && input !== null && contentText(input).trim() !== '') {
			blocks.push({label: `${prefix} · input`, text: contentText(input), tone: 'prompt'});
		}

		blocks.push({label: `${prefix} · output`, text: turnText(contentText(instance['output'])), tone: 'completion'});
		return blocks;
	});
}

export const selfInstruct = defineFormat({
	name: 'self-instruct',
	label: 'self-instruct',
	detect: sample => typeof ownField(sample, 'instruction') === 'string' && instancesOf(sample).length > 0,
	render(sample) {
		const found = instancesOf(sample);
		const blocks: Block[] = [{label: 'instruction', text: sample['instruction'] as string, tone: 'prompt'}];
		for (const {key, value} of found) {
			blocks.push(...(typeof value === 'string'
				? [{label: 'raw instances', text: turnText(value), tone: 'completion' as const}]
				: instanceBlocks(key, value as unknown[])));
		}

		return {blocks, consumedKeys: ['instruction', ...found.map(({key}) => key)]};
	},
});
