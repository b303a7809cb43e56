/*
winnow writes a decisions file in one layout (serializeDecisionsFile, and appends in place of the
tail): the head up to `"decisions": [` and a line break, one record a line separated by `,\n`, then
`]` and `}` lines (with the mode between them when the head has none, see tailPattern).
Readers that work line by line (the store's snapshot, export and stats) find the lines here; a file in
any other layout is theirs to parse whole.
*/

const newline = 0x0a;
export const decisionsOpen = Buffer.from('"decisions": [');

/**
 * Calls `visit` with the span of each record line (the separating comma left out), in order; stops
 * when it returns false. Returns where the head ends (after `"decisions": [`) and how many lines were
 * visited, or undefined when the file is not in winnow's layout or `visit` stopped.
 */
export function forEachRecordLine(bytes: Buffer, visit: (start: number, end: number, index: number) => boolean): {headEnd: number; count: number; tailStart: number} | undefined {
	const open = bytes.indexOf(decisionsOpen);
	if (open === -1) return undefined;
	const headEnd = open + decisionsOpen.length;
	// "decisions": [] — no records.
	if (bytes[headEnd] === 0x5d) return isTail(bytes, headEnd) ? {headEnd, count: 0, tailStart: headEnd} : undefined;
	if (bytes[headEnd] !== newline) return undefined;
	const found = forEachLineFrom(bytes, headEnd + 1, visit);
	return found && {headEnd, ...found};
}

/**
 * forEachRecordLine from `at`, the start of a record line (after `"decisions": [\n`, or after the
 * `,\n` that ends a line): the lines to the file's tail. Returns how many and where the tail (the
 * line feed before `]`) starts; undefined if anything is not in winnow's layout or `visit` stopped.
 */
export function forEachLineFrom(bytes: Buffer, at: number, visit: (start: number, end: number, index: number) => boolean): {count: number; tailStart: number} | undefined {
	for (let index = 0; ; index++) {
		const end = bytes.indexOf(newline, at);
		// A line that is not a record (a `]` after a trailing comma, say) is left to the whole parse.
		if (end === -1 || bytes[at] !== 0x7b) return undefined;
		const comma = bytes[end - 1] === 0x2c;
		if (!visit(at, comma ? end - 1 : end, index)) return undefined;
		at = end + 1;
		if (!comma) return bytes[at] === 0x5d && isTail(bytes, at) ? {count: index + 1, tailStart: end} : undefined;
	}
}

/** How many line feeds follow `from`: at least as many as there are record lines. */
export function lineFeedsAfter(bytes: Buffer, from: number): number {
	let lines = 0;
	for (let at = bytes.indexOf(newline, from); at !== -1; at = bytes.indexOf(newline, at + 1)) lines++;
	return lines;
}

/** `]`, then `}` and nothing but white space to the end of the file. */
function isTail(bytes: Buffer, at: number): boolean {
	if (bytes.length - at > 64) return false;
	return tailPattern.test(bytes.toString('latin1', at));
}

/**
 * `]` and `}`, with the file's mode between them when its head has none: the mode of a file from
 * before modes is written after its records, where appending can add it without rewriting the file.
 */
export const tailPattern = /^]\s*(?:,\s*"mode"\s*:\s*"(?:split|overlap)"\s*)?}\s*$/;
