import type {ReviewController} from '../review/controller.js';
import {computeStats} from '../report/stats.js';
import {count, renderStats} from '../report/render.js';
import {terminalCapabilities} from '../report/terminal.js';

/** A rate needs this much work behind it before it means anything. */
export const minimumWorkMs = 5 * 60_000;

/**
 * The stats panel's text: the same figures and table as `winnow stats`, from the samples indexed so
 * far and every decision in memory, and this session's pace. Computed when the panel opens, not on
 * every frame.
 */
export function statsPanelLines(controller: ReviewController, width: number): string[] {
	const {dataset} = controller;
	const entries = (function * () {
		for (let i = 0; i < dataset.count; i++) yield {id: dataset.idOf(i), lineNumber: dataset.lineNumber(i)};
	})();
	// In blind overlap mode, others' decisions only on samples this reviewer has decided.
	const stats = computeStats(entries, controller.visibleRecords(), {policy: 'majority'});
	// A per-hour figure from a few minutes' work is noise: shown from five minutes of work on.
	for (const reviewer of stats.reviewers) if (reviewer.activeHours * 3_600_000 < minimumWorkMs) reviewer.perHour = null;
	const {unicode} = terminalCapabilities(process.env, process.stdout);
	const heading = `Stats for ${dataset.name}${dataset.indexed ? '' : ` (${count(dataset.count)} samples read so far)`} · ${controller.mode} mode`;
	const table = renderStats(stats, {unicode, color: false, width, malformedUnknown: true});
	const {decided, workMs} = controller.sessionWork();
	return [heading, paceLine(decided, workMs, controller.counts.undecided), '', ...table.trimEnd().split('\n')];
}

/**
 * This session's pace: how many decided in how long, and from five minutes of work on, how many an
 * hour and when the samples left undecided would be done at that pace.
 */
export function paceLine(decided: number, workMs: number, undecided: number): string {
	const done = `This session: ${count(decided)} decided in ${duration(workMs)}`;
	if (workMs < minimumWorkMs || decided < 2) return `${done} · pace and time left shown after 5 minutes of work`;
	const perHour = decided / (workMs / 3_600_000);
	const left = undecided === 0 ? 'nothing left undecided' : `${count(undecided)} undecided left: about ${duration((undecided / perHour) * 3_600_000)} at this pace`;
	return `${done} · ${count(Math.round(perHour))}/hour · ${left}`;
}

/** 0 min, 12 min, 3 h 05 min, 2 d 4 h. */
export function duration(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
	return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
