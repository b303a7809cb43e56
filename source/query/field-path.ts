/*
Field names and paths, shared by the query language (`name:value`), `stats --by` and the signal
engine's groups: how a name is read (letters, digits and marks of any script, dots between parts,
quotes around other characters) and which values a path reaches in a sample. Imports nothing, so
the signal engine's worker can use it.
*/

export type NameOperator = '<=' | '>=' | '<' | '>' | ':';

/** A name read before an operator: as written without its quotes (`text`), and as a path. */
export type ReadName = {text: string; path: string[]; quoted: boolean; operator: NameOperator; end: number};

/** A character of a bare name before "<" or ">": letters, digits and marks of any script, _ $ - (and dots between parts). */
const nameCharacter = /^[\p{L}\p{N}\p{M}_$.-]$/u;

function isSpace(c: string): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Whether a single quote at `at` is closed later: else it is an apostrophe, part of a word. */
export function singleQuoteCloses(source: string, at: number): boolean {
	return source.indexOf('\'', at + 1) !== -1;
}

/** The quoted string whose opening quote (" or ') is at `open`, and where it ends; undefined when it is never closed. \" (\') and \\ are escapes. */
export function readQuoted(source: string, open: number): {text: string; end: number} | undefined {
	const quote = source[open];
	let text = '';
	for (let i = open + 1; i < source.length; i++) {
		const c = source[i];
		if (c === '\\' && (source[i + 1] === quote || source[i + 1] === '\\')) {
			text += source[++i];
			continue;
		}

		if (c === quote) return {text, end: i + 1};
		text += c;
	}

	return undefined;
}

/**
 * A name and an operator at `at`, when the word there is one (`model:`, `scores.quality<`,
 * `méta.langue:`, `"harm.Economic Crime":`): quotes protect a part of the name. Before ":" a name
 * may hold any character; before "<" or ">" only a bare name's (so `a=>b` stays a word). `$.` in
 * front names a field spelt like a keyword. A string when it is a name with an empty part (a..b:).
 */
export function readName(source: string, at: number): ReadName | string | undefined {
	let text = '';
	let quoted = false;
	let bare = true;
	let i = at;
	for (;;) {
		const c = source[i];
		if (c === undefined || isSpace(c) || c === '|' || c === '(' || c === ')') return undefined;
		if (c === ':' || c === '<' || c === '>') break;
		const partStart = i === at || source[i - 1] === '.';
		if (c === '"' || (c === '\'' && partStart && singleQuoteCloses(source, i))) {
			const part = readQuoted(source, i);
			if (part === undefined) return undefined;
			text += part.text;
			quoted = true;
			i = part.end;
			continue;
		}

		if (!nameCharacter.test(c)) bare = false;
		text += c;
		i++;
	}

	if (text === '') return undefined;
	const rest = source.slice(i, i + 2);
	const operator: NameOperator = rest === '<=' || rest === '>=' ? rest : source[i] as NameOperator;
	if (operator !== ':' && !bare) return undefined;
	const path = (source.startsWith('$.', at) ? text.slice(2) : text).split('.');
	if (path.some(part => part === '')) return `expected a field name before "${operator}", with a name between every two dots (as in meta.source${operator}x), not "${text}"`;
	return {text, path, quoted, operator, end: i + operator.length};
}

/**
 * A field's path from its name as a query spells it (meta.source, méta.langue, "harm.Economic
 * Crime", $.status): what `--by` takes. Undefined when `text` is not one name.
 */
export function fieldPathOf(text: string): string[] | undefined {
	const name = readName(`${text}:`, 0);
	return typeof name === 'object' && name.end === text.length + 1 ? name.path : undefined;
}

/**
 * The values at a dotted path. Through a list, the rest of the path applies to each element (so
 * messages.role is every message's role), unless the segment is an index (messages.0.role).
 */
export function valuesAt(root: unknown, path: readonly string[]): unknown[] {
	return valuesAtPath(root, path).flatMap(value => (Array.isArray(value) ? value : [value]));
}

/** The values at a dotted path as valuesAt finds them, a list at the end of the path left whole. */
export function valuesAtPath(root: unknown, path: readonly string[]): unknown[] {
	let current: unknown[] = [root];
	for (const segment of path) {
		const next: unknown[] = [];
		for (const value of current) collect(value, segment, next);
		current = next;
		if (current.length === 0) return current;
	}

	return current;
}

function collect(value: unknown, segment: string, into: unknown[]) {
	if (Array.isArray(value)) {
		if (/^\d+$/.test(segment)) {
			const index = Number(segment);
			if (index < value.length) into.push(value[index]);
			return;
		}

		for (const element of value) collect(element, segment, into);
		return;
	}

	if (value !== null && typeof value === 'object' && Object.hasOwn(value, segment)) into.push((value as Record<string, unknown>)[segment]);
}
