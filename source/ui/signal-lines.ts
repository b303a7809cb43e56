import type {SignalHit} from '../dataset/signals/index.js';

/** One line under the header: a signal's reason, or how many more there are. */
export type SignalLine = {signal?: string; text: string};

/** At most this many lines of signals under the header (fewer on a short terminal): the rest are in `m`. */
export function signalRowCap(rows: number): number {
	return rows >= 16 ? 2 : 1;
}

/**
 * The sample's signals as lines under the header: each with its one-line reason, at most `cap`
 * lines, the last one saying how many more there are (all of them are in the metadata panel, `m`).
 */
export function signalLines(hits: readonly SignalHit[], cap: number): SignalLine[] {
	if (hits.length <= cap) return hits.map(hit => lineOf(hit));
	const shown = hits.slice(0, cap - 1).map(hit => lineOf(hit));
	const rest = hits.slice(cap - 1);
	return [...shown, {text: `+${rest.length} more signals: ${rest.map(hit => hit.signal).join(', ')} (m shows their reasons)`}];
}

function lineOf(hit: SignalHit): SignalLine {
	const prefix = `${hit.signal}: `;
	return {signal: hit.signal, text: hit.reason.startsWith(prefix) ? hit.reason.slice(prefix.length) : hit.reason === hit.signal ? '' : hit.reason};
}
