/*
Samples' values as JSON text: compact for one line, pretty for a block. Pretty JSON shows a string's
line breaks as real ones (a reviewer reads a multi-line answer, not "\n"), its continuation lines indented
under the string. Never recursion-limited: any depth JSON.parse accepts can be shown.
*/

/** Below this depth, pretty JSON is indented; deeper levels are written compactly. */
const maxPrettyDepth = 32;
const deepCheckLength = 1_000_000;

function json(value: unknown, indent?: number): string {
	let text: string;
	try {
		text = JSON.stringify(value, null, indent) ?? String(value);
	} catch {
		// JSON.stringify recurses: a value nested some thousands deep (JSON.parse accepts a million)
		// overflows the stack. Cycles and BigInt, which JSON.parse cannot produce, also get here.
		return deepJson(value, indent);
	}

	// Pretty-printed, deep nesting is quadratic (3,000 levels make 18 MB of indentation).
	return indent && text.length > deepCheckLength && deeperThan(value, maxPrettyDepth) ? deepJson(value, indent) : text;
}

function deeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth >= limit) return true;
		for (const child of Object.values(item)) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
		}
	}

	return false;
}

/**
 * JSON.stringify's output, without recursion: an explicit stack, so any depth works. Pretty (when
 * indent is given) to maxPrettyDepth levels and compact below, so the text stays about as long as
 * the input. A cycle is written as "[cycle]".
 */
function deepJson(value: unknown, indent?: number): string {
	const parts: string[] = [];
	const open = new Set<object>();
	type Item = {value: unknown; depth: number} | {text: string} | {leave: object};
	const stack: Item[] = [{value, depth: 0}];
	const pretty = (depth: number) => (indent && depth < maxPrettyDepth ? `\n${' '.repeat(indent * depth)}` : '');
	while (stack.length > 0) {
		const item = stack.pop()!;
		if ('text' in item) {
			parts.push(item.text);
			continue;
		}

		if ('leave' in item) {
			open.delete(item.leave);
			continue;
		}

		const {depth} = item;
		const current = item.value;
		if (typeof current !== 'object' || current === null) {
			parts.push(typeof current === 'bigint' ? current.toString() : JSON.stringify(current) ?? 'null');
			continue;
		}

		if (open.has(current)) {
			parts.push('"[cycle]"');
			continue;
		}

		const isArray = Array.isArray(current);
		const entries = isArray ? current.map((child: unknown) => [undefined, child] as const) : Object.entries(current);
		if (entries.length === 0) {
			parts.push(isArray ? '[]' : '{}');
			continue;
		}

		open.add(current);
		parts.push(isArray ? '[' : '{');
		stack.push({leave: current}, {text: `${depth < maxPrettyDepth ? pretty(depth) : ''}${isArray ? ']' : '}'}`});
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i];
			stack.push({value: child, depth: depth + 1});
			const separator = i > 0 ? ',' : '';
			const name = key === undefined ? '' : `${JSON.stringify(key)}:${depth < maxPrettyDepth && indent ? ' ' : ''}`;
			stack.push({text: `${separator}${depth < maxPrettyDepth ? pretty(depth + 1) : ''}${name}`});
		}
	}

	return parts.join('');
}

/** One escape of JSON text: \r\n and \n are line breaks; the others are kept as they are. */
const jsonEscape = /\\(?:r\\n|n|u[\dA-Fa-f]{4}|[^])/g;

/**
 * Pretty JSON whose strings' line breaks are real ones: each continuation line is indented two
 * columns under the line the string starts on. Only escapes are touched (outside strings JSON text
 * has no backslash), so the text is JSON's but for those breaks.
 */
function withLineBreaks(pretty: string): string {
	if (!pretty.includes('\\n')) return pretty;
	return pretty.split('\n').map(line => {
		if (!line.includes('\\n')) return line;
		const lead = line.length - line.trimStart().length;
		const lineBreak = `\n${' '.repeat(lead + 2)}`;
		return line.replaceAll(jsonEscape, escape => (escape === '\\n' || escape === '\\r\\n' ? lineBreak : escape));
	}).join('\n');
}

/** Indented JSON for a block, strings' line breaks shown as real ones. */
export function prettyJson(value: unknown): string {
	return withLineBreaks(json(value, 2));
}

/** JSON on one line. */
export function compactJson(value: unknown): string {
	return json(value);
}

export function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A JSON string shown pretty-printed; any other string as it is. */
export function prettyIfJsonText(text: string): string {
	const trimmed = text.trim();
	if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) {
		return text;
	}

	const parsed = parseJsonText(trimmed);
	return parsed === undefined ? text : prettyJson(parsed);
}
