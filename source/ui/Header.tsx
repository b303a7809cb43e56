import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {CurrentSample} from '../review/controller.js';
import {count as thousands} from '../report/render.js';
import {fitWidth, terminalWidth} from './terminal-width.js';
import {isFlagName} from '../dataset/formats/metadata.js';

type Props = {
	current: CurrentSample;
	count: number;
	indexed: boolean;
	datasetName: string;
	idField: string;
	width: number;
	shared?: number;
	/** Where the sample is in the file when that is not "line N": an element of a JSON array. */
	location?: string;
};

/** The fewest columns of the id the repeated-id warning leaves. */
const shortestId = 8;

/** The fewest columns of the format label left before its cut: below, the tail is cut as a whole. */
const shortestFormat = 4;

/**
 * Which sample this is (number, id, format, where in the file) and its metadata on one compact line;
 * a repeated id is pointed out. When the line is too long the file name goes first, then the
 * repeated-id warning shortens, then the id, then the word winnow, and then the format label is cut
 * short: the position, the format and the place in the file always show, the place in full.
 */
export function Header({current, count, indexed, datasetName, idField, width, shared = 1, location}: Props) {
	const {sample, rendered} = current;
	const position = `${thousands(sample.index + 1)}/${thousands(count)}${indexed ? '' : '+'}`;
	const metadata = compactMetadata(rendered.metadata, sample.error === undefined ? sample.value : undefined, idField);
	// Ink cuts lines by string-width, which counts Indic text narrower than terminals draw it: the parts
	// that come from the file are fitted by the terminal's measure, so neither line can wrap.
	const place = location ?? `line ${thousands(sample.lineNumber)}`;
	const format = sanitizeLine(rendered.formatLabel);
	const fullTail = ` · ${format} · ${place}`;
	// The word winnow goes before any of the format or the place is cut.
	const lead = terminalWidth(`winnow ${position}${fullTail}`) <= width ? 'winnow' : '';
	const head = terminalWidth(`${lead ? `${lead} ` : ''}${position}`);
	const formatRoom = width - head - terminalWidth(` ·  · ${place}`);
	const tail = terminalWidth(fullTail) <= width - head ? fullTail
		: formatRoom >= shortestFormat ? ` · ${fitWidth(format, formatRoom)} · ${place}`
			: fitWidth(fullTail, Math.max(0, width - head));
	// The id, with its label: " id " before it (the tail's " · " follows).
	const fixed = head + terminalWidth(` id ${tail}`);
	const fullId = sanitizeLine(sample.id);
	const fullName = sanitizeLine(datasetName);
	const warnings = shared > 1 ? [` · same id on ${thousands(shared)} samples: one decision covers all`, ` · same id on ${thousands(shared)} samples`, ` · id ×${thousands(shared)}`] : [''];
	// The warning shortens so that at least a few columns of the id show.
	const idNeeds = Math.min(terminalWidth(fullId), shortestId);
	const warning = warnings.find(text => width - fixed - terminalWidth(text) >= idNeeds) ?? warnings.at(-1)!;
	// A warning that does not fit beside the tail even without the id is left out (the m panel and the decision line still say it).
	const shownWarning = head + terminalWidth(warning + tail) <= width ? warning : '';
	const room = Math.max(0, width - fixed - terminalWidth(shownWarning));
	// The file name has what the id leaves: it goes first (and only beside the word winnow).
	const id = fitWidth(fullId, room);
	const nameRoom = room - terminalWidth(id) - 1;
	const name = lead && nameRoom >= 4 ? fitWidth(fullName, nameRoom) : '';
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				{lead ? <Text bold>{lead} </Text> : null}
				{name ? <Text>{name} </Text> : null}
				<Text bold color="cyan">{position}</Text>
				{/* No room for any of the id: no "id" label standing alone either, and no space of its own (the tail's " · " follows). */}
				{id ? <Text> id </Text> : null}
				{id ? <Text bold>{id}</Text> : null}
				{/* Decisions belong to ids: a repeated id (or an exact duplicate line) shares one decision. */}
				{shownWarning ? <Text bold color="yellow">{shownWarning}</Text> : null}
				<Text dimColor>{tail}</Text>
			</Text>
			<Text dimColor wrap="truncate-end">{metadata ? fitWidth(sanitizeLine(metadata), width) : ' '}</Text>
		</Box>
	);
}

export {isFlagName} from '../dataset/formats/metadata.js';

/**
 * The header's metadata line: key=value, the id left out (it shows on its own), null fields and fields
 * with a note left out (a text a block already shows, a turn's own fields: the metadata panel, m, still
 * lists them), and flags the sample's own metadata raises (a top-level
 * `"toxic": true`, `"flagged": true`, see isFlagName) first, so they show before the line is cut.
 */
export function compactMetadata(metadata: ReadonlyArray<{key: string; value: string; note?: string}>, sample: unknown, idField: string): string {
	const fields = sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? sample as Record<string, unknown> : undefined;
	const shown = metadata.filter(({key, note}) => key !== idField && note === undefined && !(fields && fields[key] === null));
	const flag = ({key}: {key: string}) => fields?.[key] === true && isFlagName(key);
	return [...shown.filter(entry => flag(entry)), ...shown.filter(entry => !flag(entry))].map(({key, value}) => `${key}=${value}`).join(' · ');
}

/**
 * In a file that is one JSON array, where an element is: its index (from 0, as `jq '.[12]'` counts)
 * and, when elements share lines (a one-line array), its byte offset; undefined for JSON Lines.
 */
export function arrayLocation(layout: 'jsonl' | 'array', index: number, line: (i: number) => number, byte: (i: number) => number, count: number): string | undefined {
	if (layout !== 'array') return undefined;
	const here = line(index);
	const sharesLine = (index > 0 && line(index - 1) === here) || (index + 1 < count && line(index + 1) === here);
	return `element ${thousands(index)} · ${sharesLine ? `byte ${thousands(byte(index))}` : `line ${thousands(here)}`}`;
}
