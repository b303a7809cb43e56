import type {ReviewController} from '../review/controller.js';
import {computeStats} from '../report/stats.js';
import {count, renderStats} from '../report/render.js';
import {terminalCapabilities} from '../report/terminal.js';

/**
 * The stats panel's text: the same figures and table as `winnow stats`, from the samples indexed so
 * far and every decision in memory. Computed when the panel opens, not on every frame.
 */
export function statsPanelLines(controller: ReviewController, width: number): string[] {
	const {dataset} = controller;
	const entries = (function * () {
		for (let i = 0; i < dataset.count; i++) yield {id: dataset.idOf(i), lineNumber: dataset.lineNumber(i)};
	})();
	// In blind overlap mode, others' decisions only on samples this reviewer has decided.
	const stats = computeStats(entries, controller.visibleRecords(), {policy: 'majority'});
	const {unicode} = terminalCapabilities(process.env, process.stdout);
	const heading = `Stats for ${dataset.name}${dataset.indexed ? '' : ` (${count(dataset.count)} samples read so far)`} · ${controller.mode} mode`;
	const table = renderStats(stats, {unicode, color: false, width, malformedUnknown: true});
	return [heading, '', ...table.trimEnd().split('\n')];
}
