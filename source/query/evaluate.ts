import type {DecisionRecord} from '../store/schema.js';
import type {Clause, Literal, Query, Term, TextPattern} from './ast.js';
import type {SampleFacts} from './facts.js';
import {ruleKeyOf} from './parser.js';
import {valuesAt} from './field-path.js';
import {located, locateValue, needleFor, ValueKind} from '../dataset/identity.js';

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
				if (typeof value === 'number' && !('regex' in pattern) && pattern.number !== undefined) return value === pattern.number && sameDigits(value, pattern.text, term.path, facts);
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
			return foldedSample(facts.text).includes(foldedTerm(term.text));
		}

		default: {
			term.regex.lastIndex = 0;
			if (term.regex.test(facts.text)) return true;
			// Typed text is composed (NFC): "thế" finds a sample that stores e + combining marks too.
			const composed = facts.text.normalize('NFC');
			term.regex.lastIndex = 0;
			return composed !== facts.text && term.regex.test(composed);
		}
	}
}

/*
Text terms compare compatibility-normalised (NFKC), case-folded text, as the duplicate signal does:
"café" typed finds "cafe\u0301" (e and a combining accent) in a sample, "ｆｕｌｌ" finds "full", and "ﬁle"
finds "file". The last sample's text folded is kept (a query's terms are tested one sample at a
time), and each term's.
*/
let lastText = '';
let lastFolded = '';
const foldedTerms = new Map<string, string>();

function fold(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

function foldedSample(text: string): string {
	if (text !== lastText) {
		lastText = text;
		lastFolded = fold(text);
	}

	return lastFolded;
}

function foldedTerm(text: string): string {
	let found = foldedTerms.get(text);
	if (found === undefined) {
		found = fold(text);
		if (foldedTerms.size > 1000) foldedTerms.clear();
		foldedTerms.set(text, found);
	}

	return found;
}

const unsafe = 2 ** 53;
const integerText = /^[-+]?\d+$/;

/**
 * For two numbers JSON.parse made equal: whether they are also written alike when both are integers
 * beyond 2^53 (9007199254740993 parses as 9007199254740992), compared by their digits as the entry's
 * bytes write them, as sample identity does (README: Sample identity). A top-level field's token is
 * found exactly; a nested one's is any number token in the entry with that value.
 */
function sameDigits(value: number, text: string, path: readonly string[], facts: SampleFacts): boolean {
	if (Math.abs(value) < unsafe || !integerText.test(text)) return true;
	const {bytes} = facts;
	if (bytes === undefined) return true;
	const wanted = BigInt(text);
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (path.length === 1 && locateValue(buffer, 0, buffer.length, needleFor(path[0])) === ValueKind.Number) {
		const token = buffer.toString('latin1', located.start, located.end);
		return !integerText.test(token) || BigInt(token) === wanted;
	}

	let any = false;
	for (const match of buffer.toString('latin1').matchAll(/(?<![\w."])-?\d{16,}(?![\w."])/g)) {
		if (Number(match[0]) !== value) continue;
		if (BigInt(match[0]) === wanted) return true;
		any = true;
	}

	return !any;
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
