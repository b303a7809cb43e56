import type {Literal, Query, Term} from './ast.js';

/*
A cheap test on an entry's raw bytes that rules samples out before they are parsed: a sample whose
bytes lack what a metadata term needs cannot match it. Sound, not complete: `rejects` is true only
when the query certainly fails; false says nothing. Only metadata terms are used (a field's key, or
its plain text value), which the bytes must hold as they are; text terms search the rendered sample,
which can hold words the bytes spell otherwise. Entries with a \u escape anywhere (which can spell
any character), or with one of the two characters whose lower case is ASCII (KELVIN SIGN, LATIN
CAPITAL LETTER I WITH DOT ABOVE), are never rejected; needles are plain ASCII.
*/

const backslash = 0x5c;
const plainNeedle = /^[A-Za-z0-9 .,'!?_-]*[A-Za-z][A-Za-z0-9 .,'!?_-]*$/;

type Needle = Uint8Array;

/** For each clause, the needles one of which must be in the bytes; undefined for a clause that cannot be ruled out so. */
export type Prefilter = {clauses: Needle[][]};

export function prefilterOf(query: Query): Prefilter | undefined {
	const clauses: Needle[][] = [];
	for (const clause of query.clauses) {
		const needles = clause.map(literal => needleOf(literal));
		if (needles.some(needle => needle === undefined)) continue;
		clauses.push(needles as Needle[]);
	}

	return clauses.length === 0 ? undefined : {clauses};
}

/** True when the entry certainly does not match the query. */
export function rejects(filter: Prefilter, bytes: Uint8Array): boolean {
	if (hasUnicodeEscape(bytes) || hasAsciiLowercase(bytes)) return false;
	for (const needles of filter.clauses) {
		if (!needles.some(needle => containsIgnoringCase(bytes, needle))) return true;
	}

	return false;
}

/** What a literal needs to find in the bytes to hold, if anything can be said. */
function needleOf({term, negated}: Literal): Needle | undefined {
	if (negated) return undefined;
	const text = textNeeded(term);
	if (text === undefined || !plainNeedle.test(text)) return undefined;
	return Buffer.from(text.toLowerCase(), 'latin1');
}

function textNeeded(term: Term): string | undefined {
	switch (term.kind) {
		case 'field': {
			// The value itself when it is plain text (a number may be written 1.0 or 1e0; a glob or regex has no fixed text): else the key.
			if (!('regex' in term.pattern) && !term.pattern.glob && !/^[-+.\d]/.test(term.pattern.text) && !['true', 'false', 'null'].includes(term.pattern.text)) return term.pattern.text;
			return keyOf(term.path);
		}

		case 'compare': {
			return keyOf(term.path);
		}

		default: {
			return undefined;
		}
	}
}

/** The last key of a path (written in the bytes as "key"), unless it is a list index. */
function keyOf(path: string[]): string | undefined {
	const last = path.at(-1)!;
	return /^\d+$/.test(last) ? undefined : last;
}

function hasUnicodeEscape(bytes: Uint8Array): boolean {
	for (let i = bytes.indexOf(backslash); i !== -1 && i < bytes.length - 1; i = bytes.indexOf(backslash, i + 2)) {
		if (bytes[i + 1] === 0x75) return true;
	}

	return false;
}

/** U+212A (E2 84 AA) or U+0130 (C4 B0): non-ASCII letters that toLowerCase turns into ASCII ones. */
function hasAsciiLowercase(bytes: Uint8Array): boolean {
	for (let i = bytes.indexOf(0xc4); i !== -1; i = bytes.indexOf(0xc4, i + 1)) if (bytes[i + 1] === 0xb0) return true;
	for (let i = bytes.indexOf(0xe2); i !== -1; i = bytes.indexOf(0xe2, i + 1)) if (bytes[i + 1] === 0x84 && bytes[i + 2] === 0xaa) return true;
	return false;
}

/** Whether `needle` (lower-case ASCII) occurs in `bytes`, ASCII letters compared ignoring case. */
function containsIgnoringCase(bytes: Uint8Array, needle: Needle): boolean {
	const first = needle[0];
	const firstUpper = first >= 0x61 && first <= 0x7a ? first - 0x20 : first;
	const last = bytes.length - needle.length;
	for (let i = 0; i <= last; i++) {
		const c = bytes[i];
		if (c !== first && c !== firstUpper) continue;
		let j = 1;
		for (; j < needle.length; j++) {
			let b = bytes[i + j];
			if (b >= 0x41 && b <= 0x5a) b += 0x20;
			if (b !== needle[j]) break;
		}

		if (j === needle.length) return true;
	}

	return false;
}
