import React from 'react';
import {Box, Text} from 'ink';
import type {Row} from './sample-rows.js';
import {toneColor} from './theme.js';
import {count} from '../report/render.js';

type Props = {rows: Row[]; height: number; width: number; scroll: number};

/** The visible slice of a sample: exactly `height` rows, each cut to the width. */
export function SampleViewport({rows, height, width, scroll}: Props) {
	const padding = Math.max(0, height - rows.length);
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{rows.map((row, i) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={scroll + i} wrap="truncate-end" bold={row.heading} color={row.tone ? toneColor[row.tone] : undefined}>
					{row.heading ? `▌ ${row.text}` : row.text || ' '}
				</Text>
			))}
			{Array.from({length: padding}, (_, i) => (
				<Text key={`pad${i}`}> </Text>
			))}
		</Box>
	);
}

export function scrollPosition(scroll: number, shown: number, total: number | undefined, more: boolean): string {
	if (scroll === 0 && !more) return '';
	return `rows ${count(scroll + 1)}–${count(scroll + shown)} of ${total === undefined ? `${count(scroll + shown)}+` : count(total)}`;
}
