/*
A pattern used only to ask whether a text holds any of its alternatives ("cannot|can't|won't|…|[\uAC00-\uD7AF]"),
rewritten so that a search tries fewer of them at each place: the alternatives' literal beginnings as one tree
("can(?:not|'t)"), the classes of characters as one class, and an alternative that holds a shorter one dropped
("ich bin" beside "ich"). A regular expression tries the alternatives of a choice one after the other; side by
side, a hundred of them cost several times what their tree does. Whether the text holds one is unchanged: only
test() (or search() for -1) may use the result, since which alternative matches, and where, can differ.
*/

type Node = Map<string, Node> & {rests?: string[]};

const syntax = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const quantifiers = new Set(['?', '*', '+', '{']);

/** The same test as `pattern.test`, as a pattern that tries fewer alternatives at each place. */
export function anyOf(pattern: RegExp): RegExp {
	const flags = pattern.flags.replaceAll(/[gy]/g, '');
	// Group numbers change: a back-reference would no longer say the same.
	if (/\\(?:[1-9]|k<)/.test(pattern.source)) return new RegExp(pattern.source, flags);
	const classes: string[] = [];
	const root: Node = new Map();
	for (const alternative of topLevelAlternatives(pattern.source)) {
		const inside = /^\[((?:[^\]\\]|\\.)*)\]$/su.exec(alternative)?.[1];
		// A class alone joins the one class (not a negated one, nor one a neighbour's "-" could join into a range).
		if (inside !== undefined && inside !== '' && !inside.startsWith('^') && !inside.startsWith('-') && !inside.endsWith('-') && !inside.endsWith('\\')) {
			classes.push(inside);
			continue;
		}

		const characters = [...alternative];
		let literal = 0;
		while (literal < characters.length && !syntax.has(characters[literal]!) && !quantifiers.has(characters[literal + 1] ?? '')) literal++;
		let node = root;
		for (const character of characters.slice(0, literal)) {
			let next = node.get(character);
			if (!next) node.set(character, (next = new Map()));
			node = next;
		}

		(node.rests ??= []).push(characters.slice(literal).join(''));
	}

	// An empty alternative matches anywhere.
	if (root.rests?.includes('')) return new RegExp('', flags);
	const tree = emit(root);
	return new RegExp([classes.length === 0 ? '' : `[${classes.join('')}]`, tree].filter(Boolean).join('|'), flags);
}

/** A node as a pattern: '' when the text up to it is already an alternative (what could follow is not needed). */
function emit(node: Node): string {
	if (node.rests?.includes('')) return '';
	const branches = [...node].map(([character, next]) => character + emit(next));
	for (const rest of node.rests ?? []) branches.push(rest);
	if (branches.length <= 1) return branches[0] ?? '';
	return `(?:${branches.join('|')})`;
}

/** The source's alternatives at its top level (not inside a group or a class). */
export function topLevelAlternatives(source: string): string[] {
	const alternatives: string[] = [];
	let depth = 0;
	let inClass = false;
	let start = 0;
	for (let index = 0; index < source.length; index++) {
		const character = source[index];
		if (character === '\\') {
			index++;
		} else if (inClass) {
			if (character === ']') inClass = false;
		} else if (character === '[') {
			inClass = true;
		} else if (character === '(') {
			depth++;
		} else if (character === ')') {
			depth--;
		} else if (character === '|' && depth === 0) {
			alternatives.push(source.slice(start, index));
			start = index + 1;
		}
	}

	alternatives.push(source.slice(start));
	return alternatives;
}
