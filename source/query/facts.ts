import type {DecisionRecord} from '../store/schema.js';
import type {StatusResult} from '../store/verdict-policy.js';
import type {AnswerSide, ClusterKind} from './vocabulary.js';

/**
 * What a query can ask about one sample. Implementations compute each part only when asked (a
 * query about metadata never renders the sample; one about status never parses it).
 */
export type SampleFacts = {
	/** The sample's status under the policy in use. */
	readonly status: StatusResult;
	/** Every reviewer's current record on the sample (undone ones have verdict null). */
	readonly records: readonly DecisionRecord[];
	/** The parsed sample; undefined when the entry is not a JSON object. */
	readonly value: unknown;
	/** The entry's bytes, when at hand: an integer beyond 2^53 is compared by its digits there (JSON.parse rounds it). */
	readonly bytes?: Uint8Array;
	/** The sample's content as rendered (turns, prompt and response, …): what text terms search. */
	readonly text: string;
	/** `side`: the signal found in that answer of a preference pair alone (false for a sample that is not a pair). */
	hasSignal(name: string, side?: AnswerSide): boolean;
	cluster(kind: ClusterKind): {id: number | string; size: number; position: number} | undefined;
};
