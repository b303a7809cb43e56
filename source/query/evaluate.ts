import type {DecisionRecord} from '../store/schema.js';
import type {Clause, Literal, Query, Term, TextPattern} from './ast.js';
import type {SampleFacts} from './facts.js';
import {ruleKeyOf} from './parser.js';
import {valuesAt} from './field-path.js';

export {valuesAt, valuesAtPath} from './field-path.js';

/** Whether a sample matches the query: every clause holds, each by one of its literals. */
export function matchesQuery(query: Query, facts: SampleFacts): boolean {
	return clausesHold(query.clauses, facts);
}

function clausesHold(clauses: readonly Clause[], facts: SampleFacts): boolean {
	for (const clause of clauses) {
		let any = false;
		for (const literal of clause) {
			if (literalHolds(literal, facts)) {
				any = true;
				break;
			}
		}

		if (!any) return false;
	}

	return true;
}

function literalHolds({term, negated}: Literal, facts: SampleFacts): boolean {
	return termHolds(term, facts) !== negated;
}

/** Whether one term holds for the sample (not negated). */
export function termHolds(term: Term, facts: SampleFacts): boolean {
	switch (term.kind) {
		case 'status': {
			const {status} = facts;
			if (term.status === 'conflict') return status.conflict;
			if (term.status === 'changed') return status.changed === true;
			return status.matches.includes(term.status);
		}

		case 'signal': {
			return facts.hasSignal(term.signal, term.side);
		}

		case 'cluster': {
			const cluster = facts.cluster(term.cluster);
			if (!cluster) return false;
			return term.id === undefined || String(cluster.id) === term.id;
		}

		case 'decision': {
			if (term.ruleKey !== undefined) {
				const key = term.ruleKey;
				return facts.records.some(record => record.verdict !== null && typeof record.rule === 'string' && (ruleKey(record.rule) === key || textMatches(record.rule, term.pattern)));
			}

			return facts.records.some(record => record.verdict !== null && recordHas(record, term.field, term.pattern));
		}

		case 'field': {
			const {pattern} = term;
			return valuesAt(facts.value, term.path).some(value => {
				// A number equals a number however either is written (1.0 = 1 = 1e0); a string is compared as text.
				if (typeof value === 'number' && !('regex' in pattern) && pattern.number !== undefined) return value === pattern.number;
				const text = scalarText(value);
				if (text === undefined) return false;
				return 'regex' in pattern ? pattern.regex.test(text) : textMatches(text, pattern);
			});
		}

		case 'compare': {
			return valuesAt(facts.value, term.path).some(value => {
				const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
				if (!Number.isFinite(number)) return false;
				switch (term.operator) {
					case '<': {
						return number < term.number;
					}

					case '<=': {
						return number <= term.number;
					}

					case '>': {
						return number > term.number;
					}

					default: {
						return number >= term.number;
					}
				}
			});
		}

		case 'group': {
			return clausesHold(term.clauses, facts);
		}

		case 'text': {
			return facts.text.toLowerCase().includes(term.text.toLowerCase());
		}

		default: {
			term.regex.lastIndex = 0;
			return term.regex.test(facts.text);
		}
	}
}

/** Rules on record, each read once: a decisions file holds few distinct rules, on very many records. */
const ruleKeys = new Map<string, string | undefined>();

function ruleKey(rule: string): string | undefined {
	if (ruleKeys.has(rule)) return ruleKeys.get(rule);
	if (ruleKeys.size >= 10_000) ruleKeys.clear();
	const key = ruleKeyOf(rule);
	ruleKeys.set(rule, key);
	return key;
}

function recordHas(record: DecisionRecord, field: 'reviewer' | 'verdict' | 'category' | 'reason' | 'rule', pattern: TextPattern): boolean {
	switch (field) {
		case 'reviewer': {
			return textMatches(record.reviewer, pattern);
		}

		case 'verdict': {
			return record.verdict === pattern.text;
		}

		case 'category': {
			return record.categories.some(category => textMatches(category, pattern));
		}

		case 'reason': {
			return Array.isArray(record.reasons) && record.reasons.some(reason => typeof reason === 'string' && textMatches(reason, pattern));
		}

		default: {
			return typeof record.rule === 'string' && textMatches(record.rule, pattern);
		}
	}
}

function textMatches(text: string, pattern: TextPattern): boolean {
	const lower = text.toLowerCase();
	return pattern.glob ? pattern.glob.test(lower) : lower === pattern.text;
}

/** A scalar as the text `:` compares with; objects and arrays have none. */
function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null) return 'null';
	return undefined;
}
