import type {Clause, Literal, Query, Term, TextPattern} from './ast.js';

/**
 * The query in one canonical spelling (single spaces, `|` without spaces, `-` for NOT, groups in
 * parentheses, values quoted only where needed): two spellings of one query give the same text. A
 * bulk decision's "rule" is this text.
 */
export function formatQuery(query: Query): string {
	return formatClauses(query.clauses);
}

function formatClauses(clauses: readonly Clause[]): string {
	return clauses.map(clause => clause.map((literal, i) => formatLiteral(literal, i > 0 && takesColon(clause[i - 1].term))).join('|')).join(' ');
}

/** Whether a term is written `name:value` (after which a bare word would be read as another value). */
function takesColon(term: Term): boolean {
	return term.kind !== 'text' && term.kind !== 'regex' && term.kind !== 'compare' && term.kind !== 'group';
}

function formatLiteral({term, negated}: Literal, quoteWords: boolean): string {
	return `${negated ? '-' : ''}${formatTerm(term, quoteWords)}`;
}

function formatTerm(term: Term, quoteWords: boolean): string {
	switch (term.kind) {
		case 'status': {
			return `status:${term.status}`;
		}

		case 'signal': {
			return `signal:${term.signal}${term.side === undefined ? '' : `@${term.side}`}`;
		}

		case 'cluster': {
			return `cluster:${term.cluster}${term.id === undefined ? '' : `:${quoteIfNeeded(term.id)}`}`;
		}

		case 'decision': {
			return `${term.field}:${formatPattern(term.pattern)}`;
		}

		case 'field': {
			const name = pathName(term.path);
			return 'regex' in term.pattern ? `${name}:${String(term.pattern.regex)}` : `${name}:${formatPattern(term.pattern)}`;
		}

		case 'compare': {
			return `${pathName(term.path)}${term.operator}${term.number}`;
		}

		case 'text': {
			// Text is searched ignoring case; and, or, not bare are refused as operators spelt in lower case.
			const word = term.text.toLowerCase();
			return !quoteWords && /^[^\s|"'/:<>()-][^\s|":<>()]*$/.test(word) && !/^(and|or|not)$/.test(word) ? word : quote(word);
		}

		case 'group': {
			return `(${formatClauses(term.clauses)})`;
		}

		default: {
			return String(term.regex);
		}
	}
}

/** A field's path as a query names it: quoted when a part holds other than letters, digits, marks, _ $ - (or starts with -). */
export function pathName(path: readonly string[]): string {
	const name = path.join('.');
	if (path.some(part => !/^[\p{L}\p{N}\p{M}_$-]+$/u.test(part)) || name.startsWith('-')) return quote(name);
	return /^(status|signal|cluster|reviewer|verdict|category|reason|rule)$/.test(path[0]) ? `$.${name}` : name;
}

function formatPattern(pattern: TextPattern): string {
	return pattern.glob ? pattern.text : quoteIfNeeded(pattern.text);
}

function quoteIfNeeded(value: string): string {
	return value === '' || /[\s|"*()]/.test(value) || value.startsWith('/') || value.startsWith('\'') ? quote(value) : value;
}

function quote(value: string): string {
	return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * A key equal for queries that differ only in the order of their clauses or of the alternatives
 * in a clause (AND and OR do not care): how --undo-rule finds a rule however it is typed.
 */
export function queryKey(query: Query): string {
	return clausesKey(query.clauses);
}

function clausesKey(clauses: readonly Clause[]): string {
	return clauses
		.map(clause => clause.map(literal => literalKey(literal, clause.length > 1)).sort().join('|'))
		.sort()
		.join(' ');
}

function literalKey(literal: Literal, quoteWords: boolean): string {
	const {term, negated} = literal;
	return term.kind === 'group' ? `${negated ? '-' : ''}(${clausesKey(term.clauses)})` : formatLiteral(literal, quoteWords);
}
