import type {JsonObject} from './types.js';

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

export function stringOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** A key of the sample itself, never one inherited from Object.prototype ("constructor", "toString"). */
export function ownField(object: JsonObject, key: string): unknown {
	return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The first of `keys` the sample has as a string. */
export function firstStringKey(object: JsonObject, keys: readonly string[]): string | undefined {
	return keys.find(key => typeof ownField(object, key) === 'string');
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xD8_00 && code <= 0xDB_FF;
}

export function truncate(text: string, maxLength: number): string {
	if (text.length <= maxLength) {
		return text;
	}

	// Never cut a surrogate pair in half: the lone half would show as a placeholder.
	const end = isHighSurrogate(text.charCodeAt(maxLength - 2)) ? maxLength - 2 : maxLength - 1;
	return `${text.slice(0, end)}…`;
}

/** What a turn or answer holding nothing but white space is shown as: a reviewer must see it is empty. */
export const emptyText = '(empty)';

/** A turn's or answer's text, or `(empty)` when it has nothing but white space. */
export function turnText(text: string): string {
	return text.trim() === '' ? emptyText : text;
}

export function withDetails(label: string, details: Array<string | undefined>): string {
	const present = details.filter(detail => detail !== undefined && detail !== '');
	return present.length === 0 ? label : `${label} (${present.join(', ')})`;
}
