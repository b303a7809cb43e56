import type {Clause, ComparisonOperator, Literal, Query, Term, TextPattern} from './ast.js';
import {QueryError} from './errors.js';
import {queryKey} from './format.js';
import {readName, readQuoted, singleQuoteCloses, type NameOperator} from './field-path.js';
import {answerSides, closest, clusterKinds, wholeSampleSignals, type AnswerSide, defaultSignalNames, isKeyword, keywords, statusValues, verdictValues, type ClusterKind, type Keyword, type StatusValue, type Vocabulary} from './vocabulary.js';

/*
The query language (README: "The query language"):

	query    := clause ( ( white-space | AND ) clause )*  every clause must hold
	clause   := literal ( ( '|' | OR ) literal )*          one of the literals must hold
	literal  := ( '-' | NOT )? ( '(' query ')' | term )   '-' and NOT negate
	term     := name op value | "phrase" | /regex/flags | word
	name     := a keyword (status signal cluster reviewer verdict category reason rule) or a
	            metadata field by dotted path (scores.quality, méta.langue; $.status for a field named
	            like a keyword); quotes protect a name's other characters: "harm.Economic Crime":true
	op       := ':' (equals, ignoring case; * is a wildcard; a number equals a number) | '<' | '<=' | '>' | '>=' (numbers)
	value    := word | "quoted" | 'quoted' | /regex/flags (after ':' on a metadata field)

OR binds tighter than AND, as in web search: `a b|c` is a AND (b OR c); parentheses group otherwise.
AND, OR and NOT are operators only in capitals; the bare words and, or, not in any other case are
refused (a query means them as operators far more often than as text): quote one to search for it.
A word ends at white space, "|", "(" or ")"; quote text that holds a parenthesis. A single quote
quotes as a double one does only where a term, a value or a name's part starts (so don't is a word).
Any word with a ":" after something is a name and a value: a name no sample has is reported by
FieldCheck, never searched for as text.

`name:a|b` is short for `name:a|name:b`: a bare word right after `|` that follows a `name:` term is
another value for the same name (quote a word to search the text for it instead).
*/

type Operator = NameOperator;
const regexFlags = new Set(['i', 'm', 's', 'u']);
type OperatorWord = 'AND' | 'OR' | 'NOT';
/** A name before an operator, as written (`text`) and as a path; `quoted` when quotes protected some of it. */
type Name = {text: string; path: string[]; quoted: boolean; keyword: Keyword | undefined};

export function parseQuery(source: string, vocabulary: Vocabulary = {}): Query {
	return new Parser(source, vocabulary).parse();
}

class Parser {
	private at = 0;

	constructor(private readonly source: string, private readonly vocabulary: Vocabulary) {}

	parse(): Query {
		const clauses = this.sequence();
		if (this.at < this.source.length) throw this.error(this.at, 'this ")" closes no "(" (to search the text for it, quote it)');
		return {clauses, source: this.source};
	}

	/** Clauses up to the end or a ")" (left for the caller). */
	private sequence(): Clause[] {
		const clauses: Clause[] = [];
		this.skipSpace();
		while (this.at < this.source.length && this.source[this.at] !== ')') {
			if (this.operatorWord() === 'AND') {
				if (clauses.length === 0) throw this.error(this.at, 'expected a term before AND (as in signal:refusal AND model:gpt-4o)');
				const and = this.at;
				this.at += 3;
				this.skipSpace();
				if (this.atEndOfGroup()) throw this.error(and, 'expected a term after AND (as in signal:refusal AND model:gpt-4o)');
			}

			const clause = this.clause();
			const only = clause.length === 1 ? clause[0] : undefined;
			// (a b) among ANDed clauses is a and b.
			if (only?.term.kind === 'group' && !only.negated) clauses.push(...only.term.clauses);
			else clauses.push(clause);
			this.skipSpace();
		}

		return clauses;
	}

	private clause(): Clause {
		let {literal, name} = this.literal();
		const literals: Literal[] = [];
		const add = (next: Literal) => {
			// a|(b|c) is a|b|c.
			if (next.term.kind === 'group' && !next.negated && next.term.clauses.length === 1) literals.push(...next.term.clauses[0]);
			else literals.push(next);
		};

		add(literal);
		for (;;) {
			const save = this.at;
			this.skipSpace();
			const bar = this.at;
			let spelling: string;
			if (this.source[this.at] === '|') {
				spelling = '"|"';
				this.at++;
			} else if (this.operatorWord() === 'OR') {
				spelling = 'OR';
				this.at += 2;
			} else {
				this.at = save;
				return literals;
			}

			this.skipSpace();
			if (this.atEndOfGroup()) throw this.error(bar, `expected a term after ${spelling} (as in signal:refusal${spelling === 'OR' ? ' OR ' : '|'}signal:empty)`);
			const shorthand = name === undefined ? undefined : this.sameNameValue(name);
			if (shorthand) {
				add(shorthand);
			} else {
				({literal, name} = this.literal());
				add(literal);
			}
		}
	}

	/** `name:a|b`: b as another value of the previous literal's name, when b is a bare word. */
	private sameNameValue(name: Name): Literal | undefined {
		const c = this.source[this.at];
		if (c === '"' || c === '\'' || c === '/' || c === '-' || c === '|' || c === '(' || c === ')') return undefined;
		const start = this.at;
		const word = this.peekWord();
		if (this.nameAhead() !== undefined || isOperatorWord(word)) return undefined;
		this.at += word.length;
		this.checkWordEnd();
		return {term: this.term(name, ':', word, start, start), negated: false};
	}

	/** One literal, and the name it used with ":" (for the name:a|b shorthand). */
	private literal(): {literal: Literal; name?: Name} {
		const start = this.at;
		const operator = this.operatorWord();
		if (operator === 'NOT') {
			this.at += 3;
			this.skipSpace();
			if (this.atEndOfGroup() || this.source[this.at] === '|') throw this.error(start, 'expected a term after NOT (as in NOT signal:refusal)');
			const {literal} = this.literal();
			return {literal: {term: literal.term, negated: !literal.negated}};
		}

		if (operator !== undefined) throw this.error(start, `expected a term before ${operator} (as in signal:refusal ${operator === 'OR' ? 'OR signal:empty' : 'AND model:gpt-4o'})`);
		let negated = false;
		if (this.source[this.at] === '-') {
			negated = true;
			this.at++;
			const next = this.source[this.at];
			if (next === undefined || isSpace(next) || next === '|' || next === ')') throw this.error(start, 'expected a term right after "-" (as in -signal:refusal)');
		}

		const termStart = this.at;
		const c = this.source[this.at];
		if (c === '(') return {literal: this.group(negated)};
		if (c === ')') throw this.error(this.at, 'expected a term before ")"');
		if (c === '/') {
			const regex = this.regex();
			this.checkWordEnd();
			return {literal: {term: {kind: 'regex', regex}, negated}};
		}

		if (c === '|') throw this.error(this.at, 'expected a term before "|"');
		const ahead = this.nameAhead();
		if (ahead === undefined) {
			if (c === '"' || (c === '\'' && this.closes(this.at))) return {literal: {term: {kind: 'text', text: this.quotedWord()}, negated}};
			const word = this.peekWord();
			this.checkBareWord(word, termStart);
			this.at += word.length;
			this.checkWordEnd();
			return {literal: {term: {kind: 'text', text: word}, negated}};
		}

		const {name, operator: op} = ahead;
		this.at = ahead.end;
		const valueStart = this.at;
		const next = this.source[this.at];
		let value: string | RegExp;
		let quoted = false;
		if (next === '"' || (next === '\'' && this.closes(this.at))) {
			value = this.quoted();
			quoted = true;
		} else if (next === '/' && op === ':' && name.keyword === undefined) {
			value = this.regex();
		} else {
			value = this.peekWord();
			this.at += value.length;
		}

		if (value === '' && !quoted) throw this.error(valueStart, `expected a value after "${name.text}${op}"${example(name, op)}`);
		this.checkWordEnd();
		const term = this.term(name, op, value, termStart, valueStart, quoted);
		return {literal: {term, negated}, name: op === ':' ? name : undefined};
	}

	/** A name and an operator from here, when the word here is one (field-path.ts: readName). */
	private nameAhead(): {name: Name; operator: Operator; end: number} | undefined {
		const read = readName(this.source, this.at);
		if (typeof read === 'string') throw this.error(this.at, read);
		if (read === undefined) return undefined;
		const {text, path, quoted, operator, end} = read;
		return {name: {text, path, quoted, keyword: !quoted && isKeyword(text) ? text : undefined}, operator, end};
	}

	private closes(at: number): boolean {
		return singleQuoteCloses(this.source, at);
	}

	/** `( query )` from here (at its opening parenthesis): one literal, unwrapped when it holds one term. */
	private group(negated: boolean): Literal {
		const open = this.at;
		this.at++;
		const clauses = this.sequence();
		if (this.at >= this.source.length) throw this.error(open, 'this "(" is never closed: expected a ")" before the end of the query');
		if (clauses.length === 0) throw this.error(open, 'expected a term between "(" and ")" (as in (signal:refusal|signal:empty))');
		this.at++;
		this.checkWordEnd();
		if (clauses.length === 1 && clauses[0].length === 1) {
			const [only] = clauses[0];
			return {term: only.term, negated: only.negated !== negated};
		}

		return {term: {kind: 'group', clauses}, negated};
	}

	/** A quoted phrase as a term: the phrase must end the word. */
	private quotedWord(): string {
		const text = this.quoted();
		this.checkWordEnd();
		return text;
	}

	/** AND, OR or NOT standing alone here (in capitals; followed by white space, a parenthesis or the end). */
	private operatorWord(): OperatorWord | undefined {
		const word = this.peekWord();
		return isOperatorWord(word) ? word : undefined;
	}

	/** A bare word that is and/or/not in other than capitals: refused rather than searched for. */
	private checkBareWord(word: string, at: number) {
		const lower = word.toLowerCase();
		if (lower !== 'and' && lower !== 'or' && lower !== 'not') return;
		const use = lower === 'not' ? 'NOT or - to negate' : lower === 'or' ? 'OR or | between terms' : 'AND or a space between terms';
		throw this.error(at, `write ${use} (capitals), or "${lower}" in quotes for the word`);
	}

	/** "(" right after a term is refused: a group needs a space before it; text holding "(" needs quotes. */
	private checkWordEnd() {
		if (this.source[this.at] === '(') throw this.error(this.at, 'a "(" right after a term: put a space before it to start a group, or quote the text that holds it (as in "f(x)")');
	}

	private atEndOfGroup(): boolean {
		return this.at >= this.source.length || this.source[this.at] === ')';
	}

	private term(name: Name, operator: Operator, value: string | RegExp, start: number, valueStart: number, quoted = false): Term {
		const {keyword, path} = name;
		if (keyword !== undefined) {
			if (operator !== ':') throw this.error(start + keyword.length, `${keyword} takes ":" (as in ${keyword}:${sampleValue(keyword)}), not "${operator}"`);
			if (typeof value !== 'string') throw this.error(valueStart, `${keyword} takes a word, not a regex`);
			return this.keywordTerm(keyword, value, valueStart, quoted);
		}

		if (operator === ':') {
			if (value instanceof RegExp) return {kind: 'field', path, pattern: {regex: value}};
			return {kind: 'field', path, pattern: textPattern(value, quoted)};
		}

		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
		if (!Number.isFinite(number)) throw this.error(valueStart, `expected a number after "${name.text}${operator}" (as in ${name.text}${operator}0.5), not "${String(value)}"`);
		return {kind: 'compare', path, operator: operator as ComparisonOperator, number};
	}

	private keywordTerm(name: Keyword, value: string, at: number, quoted: boolean): Term {
		const lower = value.toLowerCase();
		switch (name) {
			case 'status': {
				return {kind: 'status', status: this.oneOf(lower, statusValues, at, 'status', value) as StatusValue};
			}

			case 'signal': {
				const known = this.vocabulary.signals ?? defaultSignalNames;
				// signal:refusal@chosen: the signal in the chosen answer of a preference pair alone.
				const atSign = lower.indexOf('@');
				const signal = this.oneOf(atSign === -1 ? lower : lower.slice(0, atSign), known, at, 'signal', value);
				if (atSign === -1) return {kind: 'signal', signal};
				const side = this.oneOf(lower.slice(atSign + 1), answerSides, at + atSign + 1, 'answer') as AnswerSide;
				if (wholeSampleSignals.includes(signal)) throw this.error(at + atSign, `${signal} is a signal of the whole sample, not of one answer: write signal:${signal} without "@${side}"`);
				return {kind: 'signal', signal, side};
			}

			case 'cluster': {
				// cluster:near-duplicate, or one cluster: cluster:near-duplicate:12
				const colon = lower.indexOf(':');
				const kind = colon === -1 ? lower : lower.slice(0, colon);
				const cluster = this.oneOf(kind, clusterKinds, at, 'cluster kind', value) as ClusterKind;
				if (colon === -1) return {kind: 'cluster', cluster};
				const id = value.slice(colon + 1);
				// Cluster numbers are whole numbers: anything else could never match, so it is a mistake to point at.
				if (!/^\d+$/.test(id)) throw this.error(at + colon + 1, `expected a cluster number after "${kind}:" (as in cluster:${kind}:3)${id === '' ? '' : `, not "${id}"`}`);
				if (/^0+$/.test(id)) throw this.error(at + colon + 1, `cluster numbers start at 1 (as positions do): cluster:${kind}:1 is the first cluster`);
				return {kind: 'cluster', cluster, id};
			}

			case 'verdict': {
				this.oneOf(lower, verdictValues, at, 'verdict', value);
				return {kind: 'decision', field: 'verdict', pattern: {text: lower}};
			}

			case 'rule': {
				const pattern = textPattern(value, quoted);
				return {kind: 'decision', field: name, pattern, ruleKey: pattern.glob ? undefined : ruleKeyOf(value, this.vocabulary)};
			}

			default: {
				return {kind: 'decision', field: name, pattern: textPattern(value, quoted)};
			}
		}
	}

	/** `value` when `allowed` has it; `written`: the keyword's whole value, for the hint about a field named like the keyword. */
	private oneOf(value: string, allowed: readonly string[], at: number, what: string, written?: string): string {
		if (allowed.includes(value)) return value;
		const guess = closest(value, allowed);
		// status:tie on a file whose samples have a "status" field: the field is $.status.
		const keyword = what.split(' ')[0];
		const field = guess === undefined && written !== undefined ? `; for a field named "${keyword}", write $.${keyword}:${/^[^\s|()"']+$/.test(written) ? written : JSON.stringify(written)}` : '';
		throw this.error(at, `unknown ${what} "${value}"${guess ? `: did you mean ${guess}?` : ''} (one of ${allowed.join(', ')})${field}`);
	}

	/** A "quoted" or 'quoted' string from here (at its opening quote); \" (\') and \\ are escapes. */
	private quoted(): string {
		const open = this.at;
		const read = this.readQuoted(open);
		if (read === undefined) throw this.error(open, `this quote is never closed: expected a closing ${this.source[open]} before the end of the query`);
		this.at = read.end;
		return read.text;
	}

	private readQuoted(open: number): {text: string; end: number} | undefined {
		return readQuoted(this.source, open);
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

	/** The run of characters from here up to white space, "|", "(" or ")". */
	private peekWord(): string {
		let end = this.at;
		while (end < this.source.length && !isSpace(this.source[end]) && !'|()'.includes(this.source[end])) {
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

function isOperatorWord(word: string): word is OperatorWord {
	return word === 'AND' || word === 'OR' || word === 'NOT';
}

/** A rule as rule: compares it: its queryKey in lower case (values are kept in lower case); undefined when it is no query. */
export function ruleKeyOf(rule: string, vocabulary: Vocabulary = {}): string | undefined {
	try {
		const query = parseQuery(rule, vocabulary);
		return query.clauses.length === 0 ? undefined : queryKey(query).toLowerCase();
	} catch {
		return undefined;
	}
}

/** A number as JSON or a person writes it: 1, -0.5, 1.0, 1e3, .5 (not hex, not Infinity). */
const numberPattern = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

export function textPattern(value: string, quoted: boolean): TextPattern {
	const text = value.toLowerCase();
	if (quoted || !text.includes('*')) return numberPattern.test(text.trim()) ? {text, number: Number(text)} : {text};
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

function example(name: Name, operator: string): string {
	if (name.keyword !== undefined) return ` (as in ${name.keyword}:${sampleValue(name.keyword)})`;
	return operator === ':' ? ` (as in ${name.text}:gpt-4o, or ${name.text}:"two words")` : ` (as in ${name.text}${operator}0.5)`;
}

export {keywords};
