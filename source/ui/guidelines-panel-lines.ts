import type {Guidelines} from '../review/guidelines.js';
import type {PanelLine} from './HelpPanel.js';
import {SampleRows} from './sample-rows.js';

/**
 * The guidelines panel (`i`): the project's guidelines file wrapped to the width and sanitised as a
 * sample's text is (line breaks kept, controls shown as symbols); Markdown is shown as written.
 */
export function guidelinesPanelLines(guidelines: Guidelines, width: number): PanelLine[] {
	const heading: PanelLine = {text: `Guidelines (${guidelines.path})`, heading: true};
	if ('error' in guidelines) return [heading, {text: ''}, ...wrapped(guidelines.error, width)];
	const lines = wrapped(guidelines.text.trimEnd() || '(the guidelines file is empty)', width);
	return [heading, {text: ''}, ...lines, {text: ''}, {text: 'i, esc or q closes; i opens these again.', dim: true}];
}

function wrapped(text: string, width: number): PanelLine[] {
	const rows = new SampleRows([{label: '', text, tone: 'field'}], width);
	return rows.slice(0, rows.total()).filter(row => !row.heading).map(row => ({text: row.text}));
}
