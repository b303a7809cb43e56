export const schemaVersion = 1;

export const verdicts = ['accepted', 'rejected', 'flagged'] as const;
export type Verdict = (typeof verdicts)[number];

/**
 * The latest state of one reviewer's decision on one sample. An undo or a cleared decision is a
 * newer record with verdict null, never a deletion, so it wins when files are merged.
 */
export type DecisionRecord = {
	sample: string;
	reviewer: string;
	verdict: Verdict | null;
	categories: string[];
	note: string;
	/** ISO 8601 time of the change; the newest record for a sample and reviewer wins a merge. */
	at: string;
	/** Set when a lead made this decision to resolve reviewers' disagreement. */
	resolution?: boolean;
	/** Set when the verdict was given in overlap mode without seeing any other reviewer's on the sample. */
	blind?: boolean;
	/** Why a sample was rejected: names from the project's list of reasons. */
	reasons?: string[];
	/**
	 * Set on a decision a rule made for a whole slice (winnow decide --where): the query, spelt as
	 * formatQuery spells it. Stats count these apart; winnow decide --undo-rule reverts them.
	 */
	rule?: string;
	/**
	 * A hash of the sample's bytes the decision was made on (contentHash: `sha1:` and 16 hex digits),
	 * so that a sample whose bytes changed since under the same id is decided again rather than
	 * exported as decided. Absent on a sample without an id field (its id is already this hash) and
	 * on records from before it (trusted as they are).
	 */
	hash?: string;
	/** On a rule's decision that replaced this reviewer's own earlier one: that one, for --undo-rule to bring back. */
	replaced?: ReplacedDecision;
	/**
	 * This reviewer's corrected version of the sample (a JSON object of the sample's format): export
	 * writes it in place of the original bytes. Absent: no correction.
	 */
	correction?: Record<string, unknown>;
};

/** The parts of a decision that undoing a rule restores (the reviewer's correction too: a rule keeps it, an undo puts it back). */
export type ReplacedDecision = Pick<DecisionRecord, 'verdict' | 'categories' | 'note' | 'resolution' | 'reasons' | 'rule' | 'correction'>;

/*
Records may carry fields this version does not know (a newer winnow's): readers keep them as they
are, and an older winnow reads these files (rule, reasons and replaced are optional additions, so
the schema version stays 1).
*/

export type DecisionsFile = {
	schema: number;
	/** The dataset's file name, so a decisions file is not used with the wrong dataset by mistake. */
	dataset: string;
	createdAt: string;
	/** How reviewers share the work, set when the file is created: every later session uses it. */
	mode?: ReviewMode;
	decisions: DecisionRecord[];
	/** Top-level keys winnow does not know (a person's "comment", a newer field): kept as they are. */
	other?: Record<string, unknown>;
};

export const reviewModes = ['split', 'overlap'] as const;
export type ReviewMode = (typeof reviewModes)[number];

/** The top-level keys winnow writes itself, in this order. */
export const knownTopLevelKeys = ['schema', 'dataset', 'createdAt', 'mode', 'decisions'];

/** The head of the file up to `"decisions": [`, with any other top-level keys before the decisions. */
export function fileHead(data: Pick<DecisionsFile, 'schema' | 'dataset' | 'createdAt' | 'mode' | 'other'>): string {
	const mode = data.mode === undefined ? '' : `"mode": ${JSON.stringify(data.mode)},\n`;
	const other = Object.entries(data.other ?? {}).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)},\n`).join('');
	return `{\n"schema": ${data.schema},\n"dataset": ${JSON.stringify(data.dataset)},\n"createdAt": ${JSON.stringify(data.createdAt)},\n${mode}${other}"decisions": [`;
}

export function recordKey(sample: string, reviewer: string): string {
	return `${sample}\u0000${reviewer}`;
}

export function emptyDecisionsFile(dataset: string): DecisionsFile {
	return {schema: schemaVersion, dataset, createdAt: new Date().toISOString(), decisions: []};
}
