/*
A sample of a known shape wrapped one level down: {"id", "meta", "data": {"instruction", "output"}} or
{"data": {"messages": […]}}, under `data`, `sample`, `example`, `row`, `item`, `record`, `entry` or `instance`. It is
rendered as that shape (only one level: a wrapper inside a wrapper is not looked into); the inner sample's
metadata is listed under its dotted key ("data.source"), the wrapper's own fields as metadata as usual.
The shapes are handed in by index.ts (the list of formats lives there), so this file imports none of them.
*/
import {defineFormat, type Block, type JsonObject, type MetadataEntry} from './types.js';
import {isObject, ownField} from './values.js';

export const wrapperKeys = ['data', 'sample', 'example', 'row', 'item', 'record', 'entry', 'instance'] as const;

/** What index.ts gives this format: the inner sample's rendering when it has a known shape. */
export type InnerRenderer = (inner: JsonObject) => {blocks: Block[]; metadata: MetadataEntry[]; formatLabel: string} | undefined;

export function wrappedSample(renderInner: InnerRenderer) {
	function innerOf(sample: JsonObject) {
		for (const key of wrapperKeys) {
			const value = ownField(sample, key);
			if (!isObject(value)) continue;
			const rendered = renderInner(value);
			if (rendered !== undefined) return {key, rendered};
		}

		return undefined;
	}

	return defineFormat({
		name: 'wrapped',
		label: 'wrapped sample',
		detect: sample => innerOf(sample) !== undefined,
		render(sample) {
			const {key, rendered} = innerOf(sample)!;
			return {
				blocks: rendered.blocks,
				consumedKeys: [key],
				nestedMetadata: rendered.metadata.map(entry => ({...entry, key: `${key}.${entry.key}`})),
				label: `${rendered.formatLabel} (in ${key})`,
			};
		},
	});
}
