import type {CommonOptions} from '../cli/options.js';
import {computeSignals} from '../dataset/signals/compute.js';
import type {QueryNeeds} from './ast.js';
import type {AnswerSide, ClusterKind} from './vocabulary.js';

/** What signal: and cluster: terms read: the signal engine's table (SignalTable), by sample number (0-based, file order). */
export type SignalLookup = {
	has(index: number, name: string): boolean;
	/** Whether the sample (parsed: `value`) has the signal in that answer of a preference pair, judged on that answer alone. */
	hasIn(index: number, name: string, side: AnswerSide, value: unknown): boolean;
	clusterOf(index: number, kind: ClusterKind): {id: number | string; size: number; position: number} | undefined;
};

/**
 * The signals of the dataset, with the project's signal settings, computed (in a worker thread)
 * when the query asks about signals or clusters; undefined when it does not.
 */
export async function signalsFor(common: CommonOptions, needs: QueryNeeds): Promise<SignalLookup | undefined> {
	if (!needs.signals && !needs.clusters) return undefined;
	return computeSignals(common.dataset, common.config.signals);
}
