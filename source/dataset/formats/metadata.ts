/* Fields no format shows as a block: one compact line each, and the whole value for a full view. */
import {compactJson, prettyJson} from './json-text.js';
import {jsonAsWritten, type WrittenNumbers} from './numbers-as-written.js';
import type {JsonObject, MetadataEntry} from './types.js';
import {truncate} from './values.js';

const metadataMaxLength = 200;

/** For one line: strings as they are (not quoted), anything else as JSON; cut to metadataMaxLength. */
export function compactValue(value: unknown): string {
	return truncate(typeof value === 'string' ? value : compactJson(value), metadataMaxLength);
}

/** The whole value: a string as it is, anything else as pretty JSON, line breaks real in both. */
export function fullValue(value: unknown): string {
	return typeof value === 'string' ? value : prettyJson(value);
}

/** `written`: the line's numbers that JSON.stringify writes otherwise (numbersAsWritten), shown as the line has them. */
export function metadataOf(sample: JsonObject, consumedKeys: Set<string>, written?: WrittenNumbers): MetadataEntry[] {
	const keys = Object.keys(sample).filter(key => !consumedKeys.has(key));
	// The id first: it is what a reviewer quotes.
	keys.sort((first, second) => Number(second === 'id') - Number(first === 'id'));
	return keys.map(key => metadataEntry(key, sample[key], written));
}

/** A field's entry; `full` only when the one-line value is not the whole value as a panel would show it. */
export function metadataEntry(key: string, value: unknown, written?: WrittenNumbers): MetadataEntry {
	const asWritten = jsonAsWritten(value, key, written);
	const compact = asWritten ? truncate(asWritten.compact, metadataMaxLength) : compactValue(value);
	const full = asWritten ? asWritten.pretty : fullValue(value);
	return full === compact ? {key, value: compact} : {key, value: compact, full};
}

/** Words that make a `true` field a flag the sample (or one of its turns) carries about itself (WildChat's toxic, moderation's flagged). */
const flagWords = new Set(['toxic', 'toxicity', 'flagged', 'unsafe', 'harmful', 'nsfw', 'redacted', 'jailbreak', 'jailbreaking', 'pii', 'offensive', 'hateful']);

/** Whether a field named so, holding true, is such a flag: one of flagWords, alone or as a word of the name (is_toxic, response_flagged). */
export function isFlagName(key: string): boolean {
	return key.toLowerCase().split(/[_\-. ]+/).some(word => flagWords.has(word));
}
