// The signals: per sample, suspicious things worth a reviewer's look (see README, "Signals").
// One file per signal; this module lists them and is what the rest of winnow imports.
export {SIGNALS, signalBit, isSignalName, type SignalName, type ClusterKind, type SignalHit, type SampleText} from './types.js';
export {defaultSignalConfig, resolveSignalConfig, type SignalConfig} from './config.js';
export {sampleSignals} from './sample-signals.js';
export {sampleText} from './sample-text.js';
export {SignalEngine, type SignalTableData, type ClusterData, type GroupData} from './engine.js';
export {missingGroup, otherGroup} from './types.js';
export {SignalTable, type ClusterPlace} from './table.js';
export {computeSignals, type ComputeOptions} from './compute.js';
export type {SignalProgress} from './analyse-file.js';
export type {DiversityFigures, Opening} from './diversity.js';

/** Where each signal is computed: on one sample alone, or over the whole file. */
export const signalScope = {
	duplicate: 'file',
	'near-duplicate': 'file',
	refusal: 'sample',
	'model-identity': 'sample',
	repetition: 'sample',
	'special-token': 'sample',
	empty: 'sample',
	truncated: 'sample',
	mojibake: 'sample',
	placeholder: 'sample',
	'length-outlier': 'file',
} as const;
