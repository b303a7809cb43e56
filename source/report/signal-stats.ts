import {SIGNALS, type SignalName} from '../dataset/signals/types.js';
import type {DiversityFigures, SignalTable} from '../dataset/signals/index.js';
import {statuses, type SampleStatus} from '../store/verdict-policy.js';

/*
The Signals and Diversity figures of `winnow stats` (and its --json), and their breakdown by a
metadata field (--by). Plain computation over a SignalTable and each sample's status.
*/

export type SignalCount = {signal: SignalName; samples: number};

export type DiversityJson = {
	/** Responses read: assistant turns, completions, chosen and rejected answers. */
	responses: number;
	words: number;
	distinct1: number;
	distinct2: number;
	/** True when distinct1/distinct2 are HyperLogLog estimates (past half a million distinct words or pairs). */
	estimated: boolean;
	duplicateShare: number;
	nearDuplicateShare: number;
	duplicateClusters: number;
	nearDuplicateClusters: number;
};

/** A reject reason within a group of --by: samples of the group rejected for it, and rejections giving it. */
export type ReasonCount = {reason: string; samples: number; decisions: number};

export type SignalStats = {
	signals: SignalCount[];
	diversity: DiversityJson & {openings: Array<{opening: string; responses: number}>};
	by?: {
		field: string;
		groups: Array<{value: string; samples: number; status: Record<SampleStatus, number>; reasons: ReasonCount[]; signals: SignalCount[]; diversity: DiversityJson}>;
	};
};

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

function diversityJson(figures: DiversityFigures): DiversityJson {
	return {
		responses: figures.responses,
		words: figures.words,
		distinct1: round(figures.distinct1),
		distinct2: round(figures.distinct2),
		estimated: !figures.exact,
		duplicateShare: round(figures.duplicateShare),
		nearDuplicateShare: round(figures.nearDuplicateShare),
		duplicateClusters: figures.duplicateClusters,
		nearDuplicateClusters: figures.nearDuplicateClusters,
	};
}

/** Status of each sample, by index, as an index into `statuses`; grows as samples are added. */
export class StatusColumn {
	private values = new Uint8Array(1024);
	count = 0;

	push(status: SampleStatus) {
		if (this.count === this.values.length) {
			const bigger = new Uint8Array(this.values.length * 2);
			bigger.set(this.values);
			this.values = bigger;
		}

		this.values[this.count++] = statuses.indexOf(status);
	}

	at(index: number): SampleStatus {
		return index < this.count ? statuses[this.values[index]] : 'undecided';
	}
}

/** The reject reasons of each entry that has any, by index (most have none). */
export class ReasonColumn {
	private readonly byIndex = new Map<number, Map<string, number>>();
	count = 0;

	push(reasons: Map<string, number> | undefined) {
		if (reasons) this.byIndex.set(this.count, reasons);
		this.count++;
	}

	at(index: number): Map<string, number> | undefined {
		return this.byIndex.get(index);
	}
}

export function signalStats(table: SignalTable, status?: StatusColumn, reasons?: ReasonColumn): SignalStats {
	const {data} = table;
	const result: SignalStats = {
		signals: table.countBySignal(),
		diversity: {...diversityJson(data.diversity), openings: data.diversity.openings.map(({opening, responses}) => ({opening, responses}))},
	};
	if (!data.groups) return result;
	const {names, of, diversity} = data.groups;
	const groups = names.map((value, group) => ({
		value,
		samples: 0,
		status: Object.fromEntries(statuses.map(name => [name, 0])) as Record<SampleStatus, number>,
		reasons: new Map<string, ReasonCount>(),
		signals: SIGNALS.map(signal => ({signal, samples: 0})),
		diversity: diversityJson(diversity[group]),
	}));
	for (let index = 0; index < data.count; index++) {
		const group = groups[of[index]];
		group.samples++;
		group.status[status?.at(index) ?? 'undecided']++;
		for (const [reason, decisions] of reasons?.at(index) ?? []) {
			const counts = group.reasons.get(reason) ?? {reason, samples: 0, decisions: 0};
			counts.samples++;
			counts.decisions += decisions;
			group.reasons.set(reason, counts);
		}

		const mask = data.mask[index];
		if (mask === 0) continue;
		for (let bit = 0; bit < SIGNALS.length; bit++) if (mask & (1 << bit)) group.signals[bit].samples++;
	}

	groups.sort((first, second) => second.samples - first.samples || (first.value < second.value ? -1 : 1));
	// Ordered as the Reasons table: most samples first, then most rejections, then by name.
	const byCount = (first: ReasonCount, second: ReasonCount) => second.samples - first.samples || second.decisions - first.decisions || (first.reason < second.reason ? -1 : first.reason > second.reason ? 1 : 0);
	result.by = {field: data.groups.field, groups: groups.map(group => ({...group, reasons: [...group.reasons.values()].sort(byCount)}))};
	return result;
}
