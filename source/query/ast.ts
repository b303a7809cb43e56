import type {AnswerSide, ClusterKind, StatusValue} from './vocabulary.js';

/*
A parsed query: clauses that must all hold (AND), each a list of alternatives of which one must
hold (OR), each a term, possibly negated. A term can be a parenthesised group: clauses of its own.
The empty query (no clauses) matches every sample.
*/

/**
 * How a value is compared: equal ignoring case, or a glob with `*` (also ignoring case); `number`
 * when the value is written as a number, which then equals a field's number however the file spells it (1.0 = 1).
 */
export type TextPattern = {text: string; glob?: RegExp; number?: number};

export type ComparisonOperator = '<' | '<=' | '>' | '>=';

export type Term =
	| {kind: 'status'; status: StatusValue}
	/** `side`: the signal found in that answer of a preference pair alone (`signal:refusal@chosen`). */
	| {kind: 'signal'; signal: string; side?: AnswerSide}
	| {kind: 'cluster'; cluster: ClusterKind; id?: string}
	/** Some reviewer's current decision on the sample has this reviewer, verdict, category, reason or rule. */
	/** `ruleKey`: for rule:, the value's queryKey (lower case) when it reads as a query: rules are compared by it. */
	| {kind: 'decision'; field: 'reviewer' | 'verdict' | 'category' | 'reason' | 'rule'; pattern: TextPattern; ruleKey?: string}
	/** A metadata field by dotted path, equal to a value (or a glob, or a regex). */
	| {kind: 'field'; path: string[]; pattern: TextPattern | {regex: RegExp}}
	/** A metadata field by dotted path, compared as a number. */
	| {kind: 'compare'; path: string[]; operator: ComparisonOperator; number: number}
	/** A word or a quoted phrase in the sample's rendered text, ignoring case. */
	| {kind: 'text'; text: string}
	| {kind: 'regex'; regex: RegExp}
	/** `( … )`: a query of its own, as one term (never a single plain term: the parser unwraps those). */
	| {kind: 'group'; clauses: Clause[]};

export type Literal = {term: Term; negated: boolean};

export type Clause = Literal[];

export type Query = {
	clauses: Clause[];
	/** The query as typed. */
	source: string;
};

/** What evaluating a query needs to know about a sample (so a caller can skip the rest). */
export type QueryNeeds = {decisions: boolean; signals: boolean; clusters: boolean; value: boolean; text: boolean};

export function needsOf(query: Query): QueryNeeds {
	const needs: QueryNeeds = {decisions: false, signals: false, clusters: false, value: false, text: false};
	addNeeds(query.clauses, needs);
	return needs;
}

function addNeeds(clauses: readonly Clause[], needs: QueryNeeds) {
	for (const clause of clauses) {
		for (const {term} of clause) {
			switch (term.kind) {
				case 'status':
				case 'decision': {
					needs.decisions = true;
					break;
				}

				case 'signal': {
					needs.signals = true;
					// Which answer has the signal is worked out again from the sample.
					if (term.side !== undefined) needs.value = true;
					break;
				}

				case 'cluster': {
					needs.clusters = true;
					break;
				}

				case 'field':
				case 'compare': {
					needs.value = true;
					break;
				}

				case 'group': {
					addNeeds(term.clauses, needs);
					break;
				}

				default: {
					needs.text = true;
				}
			}
		}
	}
}

/** Every term of the query, inside groups too. */
export function* termsOf(clauses: readonly Clause[]): Generator<Term> {
	for (const clause of clauses) {
		for (const {term} of clause) {
			if (term.kind === 'group') yield* termsOf(term.clauses);
			else yield term;
		}
	}
}
