import {verdicts, type DecisionRecord, type Verdict} from './schema.js';

/*
How several reviewers' records on one sample combine into the sample's status. Used by export (which
samples to write), stats (counts) and the review screen's filters, so all three agree.

	1. A resolution wins outright: the newest record with `resolution: true` and a verdict (a lead's
	   decision on a disagreement) is the sample's status, whatever the others said.
	2. Otherwise the reviewers' verdicts (records with verdict null are undone decisions and count as
	   nothing) combine by the policy:
	   majority   (default) a verdict held by more than half of the reviewers who decided; a tie or a
	              split without a majority is a conflict and the sample counts as undecided.
	   unanimous  every reviewer who decided gave the same verdict; any disagreement is a conflict and
	              the sample counts as undecided.
	   any        a sample matches a verdict if any reviewer gave it, so a disputed sample matches
	              several (export --status rejected,flagged --policy any: everything anyone objected
	              to). Its single `status` is the verdict of the newest decision.
	A sample nobody decided is undecided under every policy, and is never a conflict.

`conflict` means the reviewers disagree and no resolution settles it, whatever the policy made of it:
under majority a 2-to-1 sample is accepted (say) and still a conflict; a 1-to-1 sample is undecided and a
conflict. The review screen's conflicts filter shows exactly the samples with `conflict` set.
*/

export const policies = ['majority', 'unanimous', 'any'] as const;
export type Policy = (typeof policies)[number];
export const defaultPolicy: Policy = 'majority';

export const statuses = ['accepted', 'rejected', 'flagged', 'undecided'] as const;
export type SampleStatus = (typeof statuses)[number];

export type StatusResult = {
	/** The one status the sample counts under (for `any`, see `matches`). */
	status: SampleStatus;
	/** The statuses the sample matches: just `status`, except under `any` when reviewers disagree. */
	matches: readonly SampleStatus[];
	/** Reviewers gave different verdicts and no resolution settles it. */
	conflict: boolean;
	/** A resolution record decided the status. */
	resolved: boolean;
	/** How many reviewers hold a verdict on the sample (resolutions included). */
	deciders: number;
	/** Decisions made on other bytes than the sample holds now were left out (status:changed). */
	changed?: boolean;
};

const undecided: StatusResult = Object.freeze({status: 'undecided', matches: Object.freeze(['undecided'] as const), conflict: false, resolved: false, deciders: 0});
const single = Object.freeze({
	accepted: Object.freeze(['accepted'] as const),
	rejected: Object.freeze(['rejected'] as const),
	flagged: Object.freeze(['flagged'] as const),
	undecided: Object.freeze(['undecided'] as const),
});

/** Newest record first by time; equal times by reviewer name, so every process picks the same one. */
function isNewer(a: DecisionRecord, b: DecisionRecord): boolean {
	if (a.at !== b.at) return a.at > b.at;
	return a.reviewer > b.reviewer;
}

/**
 * The status of one sample from every reviewer's current record on it (one record per reviewer, as
 * the decisions file holds them; if a reviewer appears twice, pass them through mergeRecords first).
 */
export function sampleStatus(records: readonly DecisionRecord[] | undefined, policy: Policy = defaultPolicy): StatusResult {
	if (!records || records.length === 0) return undecided;

	let resolution: DecisionRecord | undefined;
	let newest: DecisionRecord | undefined;
	let deciders = 0;
	let accepted = 0;
	let rejected = 0;
	let flagged = 0;
	for (const record of records) {
		const {verdict} = record;
		if (verdict === null) continue;
		deciders++;
		if (record.resolution === true && (!resolution || isNewer(record, resolution))) resolution = record;
		if (!newest || isNewer(record, newest)) newest = record;
		if (verdict === 'accepted') accepted++;
		else if (verdict === 'rejected') rejected++;
		else if (verdict === 'flagged') flagged++;
	}

	if (deciders === 0) return undecided;
	if (resolution) return {status: resolution.verdict!, matches: single[resolution.verdict!], conflict: false, resolved: true, deciders};

	const kinds = (accepted > 0 ? 1 : 0) + (rejected > 0 ? 1 : 0) + (flagged > 0 ? 1 : 0);
	if (kinds === 1) {
		const verdict = newest!.verdict!;
		return {status: verdict, matches: single[verdict], conflict: false, resolved: false, deciders};
	}

	switch (policy) {
		case 'any': {
			const matches: Verdict[] = [];
			if (accepted > 0) matches.push('accepted');
			if (rejected > 0) matches.push('rejected');
			if (flagged > 0) matches.push('flagged');
			return {status: newest!.verdict!, matches, conflict: true, resolved: false, deciders};
		}

		case 'majority': {
			const half = deciders / 2;
			const winner: Verdict | undefined = accepted > half ? 'accepted' : rejected > half ? 'rejected' : flagged > half ? 'flagged' : undefined;
			// A majority still leaves a disagreement on record: the sample is decided, and a conflict.
			if (winner) return {status: winner, matches: single[winner], conflict: true, resolved: false, deciders};
			return {status: 'undecided', matches: single.undecided, conflict: true, resolved: false, deciders};
		}

		default: {
			return {status: 'undecided', matches: single.undecided, conflict: true, resolved: false, deciders};
		}
	}
}

/**
 * sampleStatus's status and conflict under the majority policy from the verdict counts alone, for
 * records among which no verdict is a resolution (the review's counts read them from the decision
 * table's columns, without record objects).
 */
export function majorityOfCounts(accepted: number, rejected: number, flagged: number): {status: SampleStatus; conflict: boolean} {
	const deciders = accepted + rejected + flagged;
	const kinds = (accepted > 0 ? 1 : 0) + (rejected > 0 ? 1 : 0) + (flagged > 0 ? 1 : 0);
	if (kinds === 0) return {status: 'undecided', conflict: false};
	if (kinds === 1) return {status: accepted > 0 ? 'accepted' : rejected > 0 ? 'rejected' : 'flagged', conflict: false};
	const half = deciders / 2;
	const status = accepted > half ? 'accepted' : rejected > half ? 'rejected' : flagged > half ? 'flagged' : 'undecided';
	return {status, conflict: true};
}

/** Whether a sample is selected by `wanted` (one status or several) under the policy. */
export function matchesStatus(records: readonly DecisionRecord[] | undefined, wanted: SampleStatus | ReadonlySet<SampleStatus> | readonly SampleStatus[], policy: Policy = defaultPolicy): boolean {
	const {matches} = sampleStatus(records, policy);
	if (typeof wanted === 'string') return matches.includes(wanted);
	const has = (status: SampleStatus) => (wanted instanceof Set ? wanted.has(status) : (wanted as readonly SampleStatus[]).includes(status));
	return matches.some(status => has(status));
}

export function isPolicy(value: string): value is Policy {
	return (policies as readonly string[]).includes(value);
}

export function isSampleStatus(value: string): value is SampleStatus {
	return (statuses as readonly string[]).includes(value);
}

export {verdicts};
