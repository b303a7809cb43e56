import {SIGNALS} from '../dataset/signals/types.js';
export {closest} from './closest.js';
import {statuses} from '../store/verdict-policy.js';
import {verdicts} from '../store/schema.js';

/*
The words the query language knows. Anything else before `:`, `<`, `>` is a metadata field of the
sample (a dotted path).
*/

/** Keywords that ask about the sample's decisions, signals and clusters rather than its metadata. */
export const keywords = ['status', 'signal', 'cluster', 'reviewer', 'verdict', 'category', 'reason', 'rule'] as const;
export type Keyword = (typeof keywords)[number];

/**
 * status: values: the statuses of verdict-policy.ts, plus conflict (reviewers disagree, unresolved)
 * and changed (decided on other bytes than the sample holds now: to be decided again).
 */
export const statusValues = [...statuses, 'conflict', 'changed'] as const;
export type StatusValue = (typeof statusValues)[number];

export const verdictValues = verdicts;

export const clusterKinds = ['duplicate', 'near-duplicate'] as const;
export type ClusterKind = (typeof clusterKinds)[number];

/** The signals the signal engine computes; `signal:` names are checked against these. */
export const defaultSignalNames: readonly string[] = SIGNALS;

/** The answers of a preference pair a `signal:` term may be narrowed to: `signal:refusal@chosen`. */
export const answerSides = ['chosen', 'rejected'] as const;
export type AnswerSide = (typeof answerSides)[number];

/** Signals of the whole sample (its clusters, its length among the file's): no answer of a pair has them alone. */
export const wholeSampleSignals: readonly string[] = ['duplicate', 'near-duplicate', 'length-outlier'];

/** What the parser may check names against (each list is optional: unchecked when absent). */
export type Vocabulary = {
	signals?: readonly string[];
};

export function isKeyword(word: string): word is Keyword {
	return (keywords as readonly string[]).includes(word);
}

