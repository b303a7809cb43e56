import type {Clause, ComparisonOperator, Literal, Query, Term, TextPattern} from './ast.js';
import {QueryError} from './errors.js';
import {closest, clusterKinds, defaultSignalNames, isKeyword, keywords, statusValues, verdictValues, type ClusterKind, type Keyword, type StatusValue, type Vocabulary} from './vocabulary.js';

/*
The query language (README: "The query language"):

	query    := clause ( white-space clause )*          every clause must hold
	clause   := literal ( '|' literal )*                 one of the literals must hold
	literal  := '-'? term                                '-' negates
	term     := name op value | "phrase" | /regex/flags | word
	name     := a keyword (status signal cluster reviewer verdict category reason rule) or a
	            metadata field by dotted path (scores.quality; $.status for a field named like a keyword)
	op       := ':' (equals, ignoring case; * is a wildcard) | '<' | '<=' | '>' | '>=' (numbers)
	value    := word | "quoted" | /regex/flags (after ':' on a metadata field)

`name:a|b` is short for `name:a|name:b`: a bare word right after `|` that follows a `name:` term is
another value for the same name (quote a word to search the text for it instead).
*/

const operators = ['<=', '>=', '<', '>', ':'] as const;
const regexFlags = new Set(['i', 'm', 's', 'u']);
/** A name before an operator: letters, digits, _ - $ and dots. */
const namePattern = /^[A-Za-z_$][\w$-]*(?:\.[\w$-]+)*$/;

export function parseQuery(source: string, vocabulary: Vocabulary = {}): Query {
	return new Parser(source, vocabulary).parse();
}

class Parser {
	private at = 0;

	constructor(private readonly source: string, private readonly vocabulary: Vocabulary) {}

	parse(): Query {
		const clauses: Clause[] = [];
		this.skipSpace();
		while (this.at < this.source.length) {
			clauses.push(this.clause());
			this.skipSpace();
		}

		return {clauses, source: this.source};
	}

	private clause(): Clause {
		let {literal, name} = this.literal();
		const literals: Literal[] = [literal];
		for (;;) {
			const save = this.at;
			this.skipSpace();
			if (this.source[this.at] !== '|') {
				this.at = save;
				return literals;
			}

			const bar = this.at;
			this.at++;
			this.skipSpace();
			if (this.at >= this.source.length) throw this.error(bar, 'expected a term after "|" (as in signal:refusal|signal:empty)');
			const shorthand = name === undefined ? undefined : this.sameNameValue(name);
			if (shorthand) {
				literals.push(shorthand);
			} else {
				({literal, name} = this.literal());
				literals.push(literal);
			}
		}
	}

	/** `name:a|b`: b as another value of the previous literal's name, when b is a bare word. */
	private sameNameValue(name: string): Literal | undefined {
		const c = this.source[this.at];
		if (c === '"' || c === '/' || c === '-' || c === '|') return undefined;
		const start = this.at;
		const word = this.peekWord();
		if (operatorAfterName(word) !== undefined) return undefined;
		this.at += word.length;
		return {term: this.term(name, ':', word, start, start), negated: false};
	}

	/** One literal, and the name it used with ":" (for the name:a|b shorthand). */
	private literal(): {literal: Literal; name?: string} {
		const start = this.at;
		let negated = false;
		if (this.source[this.at] === '-') {
			negated = true;
			this.at++;
			const next = this.source[this.at];
			if (next === undefined || isSpace(next) || next === '|') throw this.error(start, 'expected a term right after "-" (as in -signal:refusal)');
		}

		const termStart = this.at;
		const c = this.source[this.at];
		if (c === '"') return {literal: {term: {kind: 'text', text: this.quoted()}, negated}};
		if (c === '/') return {literal: {term: {kind: 'regex', regex: this.regex()}, negated}};
		if (c === '|') throw this.error(this.at, 'expected a term before "|"');

		const word = this.peekWord();
		const split = operatorAfterName(word);
		if (split === undefined) {
			this.at += word.length;
			return {literal: {term: {kind: 'text', text: word}, negated}};
		}

		const {name, operator} = split;
		this.at += name.length + operator.length;
		const valueStart = this.at;
		const next = this.source[this.at];
		let value: string | RegExp;
		let quoted = false;
		if (next === '"') {
			value = this.quoted();
			quoted = true;
		} else if (next === '/' && operator === ':' && !isKeyword(name)) {
			value = this.regex();
		} else {
			value = this.peekWord();
			this.at += value.length;
		}

		if (value === '' && !quoted) throw this.error(valueStart, `expected a value after "${name}${operator}"${example(name, operator)}`);
		const term = this.term(name, operator, value, termStart, valueStart, quoted);
		return {literal: {term, negated}, name: operator === ':' ? name : undefined};
	}

	private term(name: string, operator: (typeof operators)[number], value: string | RegExp, start: number, valueStart: number, quoted = false): Term {
		if (isKeyword(name)) {
			if (operator !== ':') throw this.error(start + name.length, `${name} takes ":" (as in ${name}:${sampleValue(name)}), not "${operator}"`);
			if (typeof value !== 'string') throw this.error(valueStart, `${name} takes a word, not a regex`);
			return this.keywordTerm(name, value, valueStart, quoted);
		}

		const path = name.startsWith('$.') ? name.slice(2).split('.') : name.split('.');
		if (operator === ':') {
			if (value instanceof RegExp) return {kind: 'field', path, pattern: {regex: value}};
			return {kind: 'field', path, pattern: textPattern(value, quoted)};
		}

		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
		if (!Number.isFinite(number)) throw this.error(valueStart, `expected a number after "${name}${operator}" (as in ${name}${operator}0.5), not "${String(value)}"`);
		return {kind: 'compare', path, operator: operator as ComparisonOperator, number};
	}

	private keywordTerm(name: Keyword, value: string, at: number, quoted: boolean): Term {
		const lower = value.toLowerCase();
		switch (name) {
			case 'status': {
				return {kind: 'status', status: this.oneOf(lower, statusValues, at, 'status') as StatusValue};
			}

			case 'signal': {
				const known = this.vocabulary.signals ?? defaultSignalNames;
				return {kind: 'signal', signal: this.oneOf(lower, known, at, 'signal')};
			}

			case 'cluster': {
				// cluster:near-duplicate, or one cluster: cluster:near-duplicate:12
				const colon = lower.indexOf(':');
				const kind = colon === -1 ? lower : lower.slice(0, colon);
				const cluster = this.oneOf(kind, clusterKinds, at, 'cluster kind') as ClusterKind;
				if (colon === -1) return {kind: 'cluster', cluster};
				const id = value.slice(colon + 1);
				if (id === '') throw this.error(at + colon + 1, `expected a cluster number after "${kind}:" (as in cluster:${kind}:3)`);
				return {kind: 'cluster', cluster, id};
			}

			case 'verdict': {
				this.oneOf(lower, verdictValues, at, 'verdict');
				return {kind: 'decision', field: 'verdict', pattern: {text: lower}};
			}

			default: {
				return {kind: 'decision', field: name, pattern: textPattern(value, quoted)};
			}
		}
	}

	private oneOf(value: string, allowed: readonly string[], at: number, what: string): string {
		if (allowed.includes(value)) return value;
		const guess = closest(value, allowed);
		throw this.error(at, `unknown ${what} "${value}"${guess ? `: did you mean ${guess}?` : ''} (one of ${allowed.join(', ')})`);
	}

	/** A "quoted" string from here (at its opening quote); \" and \\ are escapes. */
	private quoted(): string {
		const open = this.at;
		let text = '';
		for (let i = open + 1; i < this.source.length; i++) {
			const c = this.source[i];
			if (c === '\\' && (this.source[i + 1] === '"' || this.source[i + 1] === '\\')) {
				text += this.source[++i];
				continue;
			}

			if (c === '"') {
				this.at = i + 1;
				return text;
			}

			text += c;
		}

		throw this.error(open, 'this quote is never closed: expected a closing " before the end of the query');
	}

	/** A /regex/flags from here (at its opening slash); \/ is a slash inside it. */
	private regex(): RegExp {
		const open = this.at;
		let body = '';
		let i = open + 1;
		for (; i < this.source.length; i++) {
			const c = this.source[i];
			if (c === '\\' && i + 1 < this.source.length) {
				body += this.source[i + 1] === '/' ? '/' : c + this.source[i + 1];
				i++;
				continue;
			}

			if (c === '/') break;
			body += c;
		}

		if (i >= this.source.length) throw this.error(open, 'this regex is never closed: expected a closing / (as in /as an ai/i)');
		let flags = '';
		i++;
		while (i < this.source.length && /[a-z]/i.test(this.source[i])) {
			const flag = this.source[i];
			if (!regexFlags.has(flag)) throw this.error(i, `unknown regex flag "${flag}" (use i, m, s or u)`);
			if (!flags.includes(flag)) flags += flag;
			i++;
		}

		if (body === '') throw this.error(open, 'expected a pattern between the slashes (as in /as an ai/i)');
		try {
			const regex = new RegExp(body, flags);
			this.at = i;
			return regex;
		} catch (error) {
			const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
			throw this.error(open + 1, `the regex /${body}/ is not valid (${reason.toLowerCase()})`);
		}
	}

	/** The run of characters from here up to white space or "|". */
	private peekWord(): string {
		let end = this.at;
		while (end < this.source.length && !isSpace(this.source[end]) && this.source[end] !== '|') {
			// A quote inside a word starts a quoted value: category:"gender identity".
			if (this.source[end] === '"' && end > this.at) break;
			end++;
		}

		return this.source.slice(this.at, end);
	}

	private skipSpace() {
		while (this.at < this.source.length && isSpace(this.source[this.at])) this.at++;
	}

	private error(at: number, problem: string): QueryError {
		return new QueryError(at + 1, problem);
	}
}

/** name and operator when `word` (up to white space) starts with `name op`; the value follows. */
function operatorAfterName(word: string): {name: string; operator: (typeof operators)[number]} | undefined {
	const match = /^([^:<>"]+)(<=|>=|<|>|:)/.exec(word);
	if (!match || !namePattern.test(match[1])) return undefined;
	return {name: match[1], operator: match[2] as (typeof operators)[number]};
}

function textPattern(value: string, quoted: boolean): TextPattern {
	const text = value.toLowerCase();
	if (quoted || !text.includes('*')) return {text};
	const body = text.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
	return {text, glob: new RegExp(`^${body}$`, 's')};
}

function isSpace(c: string): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function sampleValue(name: Keyword): string {
	switch (name) {
		case 'status': {
			return 'undecided';
		}

		case 'signal': {
			return 'refusal';
		}

		case 'cluster': {
			return 'near-duplicate';
		}

		case 'verdict': {
			return 'rejected';
		}

		case 'reviewer': {
			return 'alice';
		}

		case 'category': {
			return '"gender identity"';
		}

		case 'reason': {
			return '"off-topic"';
		}

		default: {
			return '"signal:refusal"';
		}
	}
}

function example(name: string, operator: string): string {
	if (isKeyword(name)) return ` (as in ${name}:${sampleValue(name)})`;
	return operator === ':' ? ` (as in ${name}:gpt-4o, or ${name}:"two words")` : ` (as in ${name}${operator}0.5)`;
}

export {keywords};
