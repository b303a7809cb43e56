import {answerText} from './answer-side.js';
import type {SignalConfig} from './config.js';
import type {SampleDetector} from './detector.js';
import type {ClusterData, SignalTableData} from './engine.js';
import {lengthReason} from './length-outlier.js';
import {sampleText} from './sample-text.js';
import {loadedSampleSignals} from './detector-registry.js';
import {isSignalName, SIGNALS, signalBit, type ClusterKind, type SignalHit, type SignalName} from './types.js';

export type ClusterPlace = {
	/** The cluster's number, 1-based as positions are, in order of its first sample (`cluster:duplicate:N`, export's annotations, a C rule). */
	id: number;
	/** Samples in the cluster. */
	size: number;
	/** This sample's place in it, 1-based, in file order (1: the representative). */
	position: number;
	/** Index of the cluster's first sample. */
	first: number;
};

/**
 * The signals of every sample of a dataset: a bitmask per sample index and the duplicate and
 * near-duplicate clusters, in typed arrays. Reasons are worked out on demand from the sample.
 */
export class SignalTable {
	private readonly detectors = new Map<SignalName, SampleDetector>();

	constructor(readonly data: SignalTableData, readonly config: SignalConfig, private readonly readSample?: (index: number) => unknown) {}

	get count(): number {
		return this.data.count;
	}

	maskOf(index: number): number {
		return index >= 0 && index < this.data.count ? this.data.mask[index] : 0;
	}

	has(index: number, name: SignalName): boolean {
		return (this.maskOf(index) & signalBit[name]) !== 0;
	}

	/**
	 * Whether the sample has the signal in its chosen (or rejected) answer: the signal's detector run again on
	 * that answer alone (`value` is the parsed sample). Only samples with the signal are read again.
	 */
	hasIn(index: number, name: string, side: 'chosen' | 'rejected', value: unknown): boolean {
		if (!isSignalName(name) || !this.has(index, name) || value === undefined) return false;
		const detector = this.detector(name);
		const answer = detector === undefined ? undefined : answerText(sampleText(value), side);
		return answer !== undefined && detector!(answer) !== undefined;
	}

	signalsOf(index: number): SignalName[] {
		const mask = this.maskOf(index);
		return SIGNALS.filter((_, bit) => (mask & (1 << bit)) !== 0);
	}

	clusterOf(index: number, kind: ClusterKind): ClusterPlace | undefined {
		const clusters: ClusterData = kind === 'duplicate' ? this.data.duplicate : this.data.nearDuplicate;
		if (index < 0 || index >= this.data.count) return undefined;
		const id = clusters.of[index];
		if (id === -1) return undefined;
		return {id: id + 1, size: clusters.sizes[id], position: clusters.position[index], first: clusters.first[id]};
	}

	/** Samples per signal, in the order of SIGNALS. */
	countBySignal(): Array<{signal: SignalName; samples: number}> {
		return SIGNALS.map((signal, bit) => ({signal, samples: this.data.counts[bit]}));
	}

	/**
	 * Each signal of the sample with its one-line reason. `value` is the parsed sample (read again
	 * through the table's reader when not given); the cluster and length signals need only the table.
	 */
	reasons(index: number, value?: unknown): SignalHit[] {
		const hits: SignalHit[] = [];
		let text: ReturnType<typeof sampleText> | undefined;
		for (const signal of this.signalsOf(index)) {
			switch (signal) {
				case 'duplicate':
				case 'near-duplicate': {
					hits.push({signal, reason: this.clusterReason(index, signal)});
					break;
				}

				case 'length-outlier': {
					hits.push({signal, reason: lengthReason(this.data.lengths[index], this.data.lengthStats)});
					break;
				}

				default: {
					const sample = value ?? this.readSample?.(index);
					text ??= sample === undefined ? undefined : sampleText(sample);
					const reason = text === undefined ? undefined : this.detector(signal)?.(text);
					hits.push({signal, reason: reason ?? signal});
				}
			}
		}

		// The first of a cluster does not have its signal (rejecting signal:duplicate keeps one copy), but it is in the cluster all the same.
		for (const kind of ['duplicate', 'near-duplicate'] as const) {
			const place = this.clusterOf(index, kind);
			if (!place || place.position !== 1 || this.has(index, kind) || this.config.disabled.includes(kind)) continue;
			hits.push({signal: kind, reason: `${kind}: cluster of ${place.size}, this is 1 of ${place.size} (the first, without the signal)`, member: true});
		}

		return hits;
	}

	private clusterReason(index: number, kind: ClusterKind): string {
		const place = this.clusterOf(index, kind)!;
		const what = kind === 'duplicate' ? 'same content as' : 'like';
		return `${kind}: cluster of ${place.size}, this is ${place.position} of ${place.size} (${what} sample ${place.first + 1}, the first)`;
	}

	/** A signal's detector (undefined for those computed over the whole file), made the first time it is needed. */
	private detector(signal: SignalName): SampleDetector | undefined {
		const made = this.detectors.get(signal);
		if (made) return made;
		// Loaded by computeSignals before it hands out a table, unless told no reasons are wanted (detector-registry.ts).
		const loaded = loadedSampleSignals();
		if (!loaded) throw new Error('the signal detectors are not loaded (computeSignals with reasons: false)');
		const item = loaded.find(candidate => candidate.name === signal);
		const detector = item?.make(this.config);
		if (detector) this.detectors.set(signal, detector);
		return detector;
	}
}
