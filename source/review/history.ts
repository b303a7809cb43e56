/**
 * The samples a reviewer left by deciding or skipping, so that ← goes back to the sample just decided
 * (even when the filter no longer shows it) and → returns, as a browser's back and forward do. Any
 * other move (a filter step, g, G, :, a search, undo) starts a new history.
 */
export type History = {back: readonly number[]; forward: readonly number[]};

export const noHistory: History = {back: [], forward: []};

/** How many samples back ← can go. */
const depth = 200;

/** After deciding (or skipping) sample `from` and moving on. */
export function leftBehind(history: History, from: number): History {
	return {back: [...history.back, from].slice(-depth), forward: []};
}

/** ← from `current`: the sample to go back to, and the history after; undefined when there is none. */
export function goBack(history: History, current: number): {index: number; history: History} | undefined {
	const index = history.back.at(-1);
	if (index === undefined) return undefined;
	return {index, history: {back: history.back.slice(0, -1), forward: [...history.forward, current]}};
}

/** → from `current` after going back: the sample to return to; undefined when there is none. */
export function goForward(history: History, current: number): {index: number; history: History} | undefined {
	const index = history.forward.at(-1);
	if (index === undefined) return undefined;
	return {index, history: {back: [...history.back, current], forward: history.forward.slice(0, -1)}};
}
