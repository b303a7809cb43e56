import type {Tone} from '../formats/index.js';
import type {Tokens} from './text.js';

/** The signals, in the order they are listed everywhere (bit i of a sample's mask is SIGNALS[i]). */
export const SIGNALS = [
	'duplicate',
	'near-duplicate',
	'refusal',
	'model-identity',
	'repetition',
	'special-token',
	'empty',
	'truncated',
	'mojibake',
	'placeholder',
	'length-outlier',
] as const;

export type SignalName = (typeof SIGNALS)[number];

/** Signals that group samples into clusters. */
export type ClusterKind = 'duplicate' | 'near-duplicate';

export const signalBit: Record<SignalName, number> = Object.fromEntries(SIGNALS.map((name, bit) => [name, 1 << bit])) as Record<SignalName, number>;

export function isSignalName(name: string): name is SignalName {
	return (SIGNALS as readonly string[]).includes(name);
}

/** One rendered block of a sample as the signals read it. */
export type TextBlock = {
	text: string;
	tone: Tone;
	label: string;
	/** A model's reasoning before its answer (a "· reasoning" block). */
	reasoning?: true;
	/** A turn with training weight 0: deliberately not trained on, so no signal judges it. */
	untrained?: true;
};

/**
 * What a response is: an answer, a reasoning its turn answers after (the answer is judged for being cut or empty),
 * or a reasoning with no answer after it (all the model wrote).
 */
export type ResponseKind = 'answer' | 'reasoning' | 'reasoning-alone';

/**
 * What the signals read of one sample: its rendered content (not its metadata), split into the
 * blocks a model wrote (responses) and the rest.
 */
export type SampleText = {
	/** Every content block, in order. */
	blocks: TextBlock[];
	/** The blocks a model wrote: assistant turns, completions, chosen and rejected answers. */
	responses: string[];
	/** Each response's tone, in the same order: a reason names the chosen or the rejected answer of a pair. */
	responseTones: Tone[];
	/** Each response's kind, in the same order: a reason names a reasoning as such. */
	responseKinds: ResponseKind[];
	/**
	 * The images (or video, audio) the sample is about, as the sample names them (`image`, `images`, `image_path`…):
	 * part of the duplicate key, since LLaVA-style sets ask the same questions of many images.
	 */
	media?: string;
	/** The sample's format as renderSample recognised it ('json' for none). */
	format: string;
	/** finish_reason "length" (top level or in choices[]) or stop_reason "max_tokens". */
	stoppedAtLength: boolean;
	/** The words of one of the blocks' texts (lower case, as hashes, starts and lengths), worked out once per sample. */
	tokens(text: string): Tokens;
	/** normaliseForPhrases of one of the blocks' texts, worked out once per sample. */
	phrases(text: string): string;
};

/** A signal found on one sample, with the one-line reason shown to the reviewer. */
/** A signal of a sample with its reason; `member`: not the signal itself but the cluster it marks (the cluster's first sample). */
export type SignalHit = {signal: SignalName; reason: string; member?: true};

/** The --by group of samples whose field holds a value beyond the first 1,000 distinct ones, and of those without the field. */
export const otherGroup = '(other values)';
export const missingGroup = '(none)';
