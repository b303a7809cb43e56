import {fullValue, type MetadataEntry} from '../dataset/formats/index.js';

/**
 * Every metadata field of a sample in full, for the metadata panel (`m`): the header shows them on
 * one line, cut; here a string keeps its line breaks and any other value is pretty-printed JSON (its
 * strings' line breaks real ones too).
 * Values are raw: the screen sanitises them.
 */
export function metadataInFull(value: unknown, entries: readonly MetadataEntry[]): MetadataEntry[] {
	return entries.map(({key, value: shown, full, note}) => {
		const noted = note === undefined ? {} : {note};
		// The entry's own full text (metadataEntry) keeps numbers as the line writes them ("1.0"); without one, the one-line value is all of it.
		if (full !== undefined) return {key, value: full, ...noted};
		const found = lookUp(value, key);
		return {key, value: found.present && typeof found.value !== 'number' ? fullValue(found.value) : shown, ...noted};
	});
}

/** A field by its name as the metadata writes it: a top-level key, else a dotted path ("input.temperature"). */
export function lookUp(value: unknown, key: string): {present: boolean; value?: unknown} {
	if (!isObject(value)) return {present: false};
	if (Object.hasOwn(value, key)) return {present: true, value: value[key]};
	const dot = key.indexOf('.');
	if (dot <= 0) return {present: false};
	const head = key.slice(0, dot);
	return Object.hasOwn(value, head) ? lookUp(value[head], key.slice(dot + 1)) : {present: false};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
