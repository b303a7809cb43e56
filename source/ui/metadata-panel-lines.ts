import type {Block} from '../dataset/formats/index.js';
import type {CurrentSample} from '../review/controller.js';
import {metadataInFull} from '../review/metadata.js';
import type {PanelLine} from './HelpPanel.js';
import {SampleRows} from './sample-rows.js';

/**
 * The metadata panel (`m`): every metadata field of the sample in full and every reviewer's note on
 * it, and its signals with their reasons, wrapped and sanitised as the sample's own text is (line breaks kept, controls shown as symbols).
 */
export function metadataPanelLines(current: CurrentSample, width: number): PanelLine[] {
	const {sample, rendered, mine, others} = current;
	const fields = metadataInFull(sample.value, rendered.metadata);
	const notes = [mine, ...others].filter(record => record?.note);
	// A field kept off the header's line says why beside its name: "prompt (shown above)".
	const fieldBlocks = fields.map(({key, value, note}): Block => ({label: note === undefined ? key : `${key} (${note})`, text: value, tone: 'field'}));
	const noteBlocks = notes.map((record): Block => ({label: `note by ${record!.reviewer}${record === mine ? ' (you)' : ''}`, text: record!.note, tone: 'field'}));
	const heading = `Metadata and notes of sample ${(sample.index + 1).toLocaleString('en')} (line ${sample.lineNumber})`;
	const lines: PanelLine[] = [{text: heading, heading: true}, {text: ''}];
	if (current.signals.length > 0) {
		const signalBlocks = current.signals.map(({signal, reason, member}): Block => ({label: `${member ? 'cluster' : 'signal'} ${signal}`, text: reason, tone: 'field'}));
		lines.push(...asLines(signalBlocks, width), {text: ''});
	}

	if (fields.length === 0) lines.push({text: sample.error === undefined ? 'This sample has no metadata fields.' : 'No metadata: this line is not a valid sample.', dim: true});
	lines.push(...asLines(fieldBlocks, width), {text: ''});
	if (notes.length === 0) lines.push({text: 'No notes on this sample (c writes one).', dim: true});
	lines.push(...asLines(noteBlocks, width));
	return lines;
}

/** Blocks wrapped and sanitised as a sample's text is (SampleRows), as panel lines. */
function asLines(blocks: Block[], width: number): PanelLine[] {
	const rows = new SampleRows(blocks, width);
	return rows.slice(0, rows.total()).map(row => (row.heading ? {text: row.text, heading: true} : {text: row.text}));
}
