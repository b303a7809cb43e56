import {sanitizeLine} from '../dataset/sanitize.js';
import type {ReviewController} from '../review/controller.js';

/** The stats panel's text: counts by status from the controller's running counts. */
export function statsPanelLines(controller: ReviewController, _width: number): string[] {
	const {counts} = controller;
	const lines = [
		`Stats for ${sanitizeLine(controller.dataset.name)}`,
		'',
		`samples    ${counts.total}${controller.dataset.indexed ? '' : ' so far (still reading)'}`,
		`decided    ${counts.decided}`,
		`accepted   ${counts.accepted}`,
		`rejected   ${counts.rejected}`,
		`flagged    ${counts.flagged}`,
		`undecided  ${counts.undecided}`,
	];
	if (counts.conflicts > 0) lines.push(`conflicts  ${counts.conflicts}`);
	return lines;
}
