import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {CurrentSample} from '../review/controller.js';
import {count as thousands} from '../report/render.js';

type Props = {current: CurrentSample; count: number; indexed: boolean; datasetName: string; idField: string; width: number; shared?: number};

/** Which sample this is (number, id, format, line) and its metadata on one compact line; a repeated id is pointed out. */
export function Header({current, count, indexed, datasetName, idField, width, shared = 1}: Props) {
	const {sample, rendered} = current;
	const position = `${thousands(sample.index + 1)}/${thousands(count)}${indexed ? '' : '+'}`;
	const metadata = rendered.metadata.filter(({key}) => key !== idField).map(({key, value}) => `${key}=${value}`).join(' · ');
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold>winnow</Text>
				<Text> {sanitizeLine(datasetName)} </Text>
				<Text bold color="cyan">{position}</Text>
				<Text> id </Text>
				<Text bold>{sanitizeLine(sample.id)}</Text>
				{/* Decisions belong to ids: a repeated id (or an exact duplicate line) shares one decision. */}
				{shared > 1 ? <Text bold color="yellow"> · same id on {shared} samples: one decision covers all</Text> : null}
				<Text dimColor> · {rendered.formatLabel} · line {sample.lineNumber}</Text>
			</Text>
			<Text dimColor wrap="truncate-end">{metadata ? sanitizeLine(metadata) : ' '}</Text>
		</Box>
	);
}
