import type {Dataset} from '../dataset/dataset.js';
import type {ClusterKind, SignalTable} from '../dataset/signals/index.js';
import type {DecisionRecord, ReplacedDecision, Verdict} from '../store/schema.js';

/** What one key decides at once: the samples (indices) and the rule recorded on each decision. */
export type BulkTarget = {
	/** The rule each decision records: a query of the query language (cluster:near-duplicate:3, signal:refusal). */
	rule: string;
	/** How the confirmation names the samples: "of this near-duplicate cluster", "matching signal:refusal". */
	what: string;
	indices: number[];
};

/** One sample a bulk step changes: its record before, to restore on undo. */
export type BulkChange = {index: number; sample: string; previous: DecisionRecord | undefined; replaced: ReplacedDecision | undefined};

/** A bulk step worked out, before it is confirmed. */
export type BulkPlan = BulkTarget & {
	verdict: Verdict;
	categories: string[];
	note: string | undefined;
	changes: BulkChange[];
	/** Samples left alone: decided by another reviewer (or open on their screen), and this reviewer is not --lead. */
	othersLeft: number;
	/** Samples this reviewer had already decided so. */
	already: number;
	/** Lines of the file the changes decide: more than the changes when lines share an id (identical lines without an id field). */
	lines: number;
};

/**
 * The current sample's cluster as a bulk target: its near-duplicate cluster (which holds its exact
 * duplicates too) when it is in one, else its duplicate cluster; undefined when it is in none.
 */
export function clusterTarget(table: SignalTable, index: number): BulkTarget | undefined {
	const kinds: ClusterKind[] = ['near-duplicate', 'duplicate'];
	const places = kinds.map(kind => ({kind, place: table.clusterOf(index, kind)})).filter(({place}) => place !== undefined);
	if (places.length === 0) return undefined;
	// The larger cluster: a near-duplicate cluster includes the exact duplicates.
	const {kind, place} = places.reduce((best, next) => (next.place!.size > best.place!.size ? next : best));
	const of = (kind === 'duplicate' ? table.data.duplicate : table.data.nearDuplicate).of;
	const indices: number[] = [];
	// The place's id is 1-based; the table's cluster numbers are 0-based.
	for (let i = 0; i < of.length; i++) if (of[i] === place!.id - 1) indices.push(i);
	return {rule: `cluster:${kind}:${place!.id}`, what: `of this ${kind} cluster`, indices};
}

export type PlanContext = {
	dataset: Dataset;
	reviewer: string;
	lead: boolean;
	/** Do other reviewers' decisions keep a sample out (split mode), or does everyone decide every sample (overlap)? */
	othersBlock: boolean;
	records: (id: string) => DecisionRecord[];
	/** Is the sample open on another reviewer's screen right now (pairing)? */
	openByOther: (id: string) => boolean;
};

/**
 * Which samples of a target a bulk decision changes: each id once (a repeated id shares one
 * decision), never one another reviewer decided or has open unless the reviewer is the lead, and
 * not one this reviewer already decided the same way.
 */
export function planBulk(target: BulkTarget, verdict: Verdict, categories: string[], note: string | undefined, context: PlanContext): BulkPlan {
	const seen = new Set<string>();
	const changes: BulkChange[] = [];
	let othersLeft = 0;
	let already = 0;
	for (const index of target.indices) {
		if (index >= context.dataset.count) continue;
		const sample = context.dataset.idOf(index);
		if (seen.has(sample)) continue;
		seen.add(sample);
		const records = context.records(sample);
		const mine = records.find(record => record.reviewer === context.reviewer);
		const othersDecided = context.othersBlock && records.some(record => record.reviewer !== context.reviewer && record.verdict !== null);
		if (!context.lead && (othersDecided || context.openByOther(sample))) {
			othersLeft++;
			continue;
		}

		if (mine?.verdict === verdict && sameList(mine.categories, categories) && (note === undefined || note === mine.note)) {
			already++;
			continue;
		}

		changes.push({index, sample, previous: mine, replaced: replacedBy(mine, target.rule)});
	}

	let lines = 0;
	for (const change of changes) lines += Math.max(1, context.dataset.occurrences(change.sample));
	return {...target, verdict, categories, note, changes, othersLeft, already, lines};
}

/**
 * What a rule's decision replaces, for `winnow decide --undo-rule`: the reviewer's own record when it
 * holds a verdict, a correction or a note; kept from the first time the rule ran.
 */
function replacedBy(mine: DecisionRecord | undefined, rule: string): ReplacedDecision | undefined {
	if (mine?.rule === rule) return mine.replaced;
	if (!mine?.verdict && !mine?.correction && !mine?.note) return undefined;
	const replaced: ReplacedDecision = {verdict: mine.verdict, categories: mine.categories, note: mine.note};
	if (mine.resolution) replaced.resolution = mine.resolution;
	if (mine.reasons) replaced.reasons = mine.reasons;
	if (mine.rule) replaced.rule = mine.rule;
	if (mine.correction) replaced.correction = mine.correction;
	return replaced;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** When a bulk step would change nothing: why. */
export function nothingToDo(plan: BulkPlan): string {
	const n = plan.indices.length;
	const reasons = [
		plan.othersLeft > 0 ? `${plan.othersLeft.toLocaleString('en')} decided by others (left alone${plan.othersLeft > 0 ? ': only --lead changes them' : ''})` : '',
		plan.already > 0 ? `${plan.already.toLocaleString('en')} already ${plan.verdict} by you` : '',
	].filter(Boolean).join(', ');
	return `nothing to ${verbs[plan.verdict]}: ${n.toLocaleString('en')} sample${n === 1 ? '' : 's'} ${plan.what}${reasons ? `, ${reasons}` : ''}`;
}

const verbs: Record<Verdict, string> = {accepted: 'accept', rejected: 'reject', flagged: 'flag'};

/** The confirmation: "reject 7 samples of this near-duplicate cluster? y/N", or "reject 5 of the 7 samples …" and what is left alone. */
export function confirmation(plan: BulkPlan): string {
	const n = plan.changes.length;
	const left = [
		plan.othersLeft > 0 ? `${plan.othersLeft.toLocaleString('en')} decided by others left alone` : '',
		plan.already > 0 ? `${plan.already.toLocaleString('en')} already ${plan.verdict}` : '',
	].filter(Boolean).join(', ');
	const flagged = plan.verdict === 'flagged' ? ` (${plan.categories.join(', ')})` : '';
	// Of how many: the cluster's or the slice's size, when some are left alone.
	const total = n + plan.othersLeft + plan.already;
	const counted = n === total ? `${n.toLocaleString('en')} sample${n === 1 ? '' : 's'}` : `${n.toLocaleString('en')} of the ${total.toLocaleString('en')} samples`;
	// As winnow decide says it: deciding over one's own earlier decisions is no surprise to find later.
	const replacing = plan.changes.filter(change => change.previous?.verdict).length;
	const replaces = replacing === 0 ? '' : `; ${n === 1 ? 'it replaces your own earlier decision' : `${replacing.toLocaleString('en')} of them replace${replacing === 1 ? 's' : ''} your own earlier ${replacing === 1 ? 'decision' : 'decisions'}`}`;
	return `${verbs[plan.verdict]}${flagged} ${counted}${sharedLines(plan)} ${plan.what}${left ? ` (${left})` : ''}${replaces}? y/N`;
}

/** " (5 lines share their ids)": said when lines share an id, as identical lines without an id field do (one decision decides each of them). */
export function sharedLines(plan: BulkPlan): string {
	return plan.lines > plan.changes.length ? ` (${plan.lines.toLocaleString('en')} lines share ${plan.changes.length === 1 ? 'its id' : 'their ids'})` : '';
}
