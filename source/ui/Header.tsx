import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {CurrentSample} from '../review/controller.js';
import {count as thousands} from '../report/render.js';
import {fitWidth, terminalWidth} from './terminal-width.js';

type Props = {current: CurrentSample; count: number; indexed: boolean; datasetName: string; idField: string; width: number; shared?: number};

/** Which sample this is (number, id, format, line) and its metadata on one compact line; a repeated id is pointed out. */
export function Header({current, count, indexed, datasetName, idField, width, shared = 1}: Props) {
	const {sample, rendered} = current;
	const position = `${thousands(sample.index + 1)}/${thousands(count)}${indexed ? '' : '+'}`;
	const metadata = rendered.metadata.filter(({key}) => key !== idField).map(({key, value}) => `${key}=${value}`).join(' · ');
	// Ink cuts lines by string-width, which counts Indic text narrower than terminals draw it: the parts
	// that come from the file are fitted by the terminal's measure, so neither line can wrap.
	const warning = shared > 1 ? ` · same id on ${shared} samples: one decision covers all` : '';
	const fixed = terminalWidth(`winnow   ${position} id ${warning} · ${rendered.formatLabel} · line ${sample.lineNumber}`);
	const room = Math.max(0, width - fixed);
	const id = fitWidth(sanitizeLine(sample.id), Math.max(Math.ceil(room / 2), room - terminalWidth(sanitizeLine(datasetName))));
	const name = fitWidth(sanitizeLine(datasetName), Math.max(0, room - terminalWidth(id)));
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold>winnow</Text>
				<Text> {name} </Text>
				<Text bold color="cyan">{position}</Text>
				<Text> id </Text>
				<Text bold>{id}</Text>
				{/* Decisions belong to ids: a repeated id (or an exact duplicate line) shares one decision. */}
				{warning ? <Text bold color="yellow">{warning}</Text> : null}
				<Text dimColor> · {rendered.formatLabel} · line {sample.lineNumber}</Text>
			</Text>
			<Text dimColor wrap="truncate-end">{metadata ? fitWidth(sanitizeLine(metadata), width) : ' '}</Text>
		</Box>
	);
}
