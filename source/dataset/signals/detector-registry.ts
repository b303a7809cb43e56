import type {SampleSignal} from './detector.js';

/*
The per-sample detectors' code (refusal, repetition, … : most of the signals' code, and the costliest
to load: its tables and patterns are built as it loads) is not imported by the signal table, which
the review screen holds: the screen's thread would load it in one go, ~50 ms during which no key is
answered. The table finds the detectors here once sample-signals.ts has been loaded by anyone (the
engine, a test, or loadSampleSignals, which the screen uses to load them a piece at a time).
*/

let registered: readonly SampleSignal[] | undefined;

/** Called by sample-signals.ts as it loads. */
export function registerSampleSignals(signals: readonly SampleSignal[]) {
	registered = signals;
}

/** The per-sample detectors, once their code is loaded (undefined before). */
export function loadedSampleSignals(): readonly SampleSignal[] | undefined {
	return registered;
}

/**
 * The detectors' modules, those others import first (each a chunk of its own once bundled, so each
 * piece loads only its own code): none of them takes more than ~15 ms to load here.
 */
const pieces: Array<() => Promise<unknown>> = [
	async () => import('./refusal-families.js'),
	async () => import('./refusal-openings-languages.js'),
	async () => import('./refusal-openings-more-languages.js'),
	async () => import('./refusal-openings.js'),
	async () => import('./refusal-context.js'),
	async () => import('./refusal-later.js'),
	async () => import('./trigger-words.js'),
	async () => import('./refusal-hedge.js'),
	async () => import('./own-words.js'),
	async () => import('./refusal.js'),
	async () => import('./model-identity.js'),
	async () => import('./repeated-units.js'),
	async () => import('./repetition.js'),
	async () => import('./truncated.js'),
	async () => import('./placeholder.js'),
	async () => import('./special-token.js'),
	async () => import('./mojibake.js'),
	async () => import('./empty.js'),
];

/**
 * Loads the detectors' code. With `between`, a module at a time, awaiting `between` after each (the
 * review screen yields to its keys there), so that no single piece holds the thread for long.
 */
export async function loadSampleSignals(between?: () => Promise<void>): Promise<readonly SampleSignal[]> {
	if (registered) return registered;
	if (between) {
		for (const piece of pieces) {
			await piece();
			await between();
		}
	}

	await import('./sample-signals.js');
	return registered!;
}
