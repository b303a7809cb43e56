import React from 'react';
import {Box, Text} from 'ink';
import type {ReviewController} from '../review/controller.js';
import {statsPanelLines} from './stats-panel-lines.js';

/** Counts, bias categories and reviewers for the whole dataset, over the sample. */
export function StatsPanel({controller, height, width}: {controller: ReviewController; height: number; width: number}) {
	const lines = statsPanelLines(controller, width).slice(0, height);
	return (
		<Box flexDirection="column" height={height}>
			{lines.map((line, i) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={i} wrap="truncate-end">{line || ' '}</Text>
			))}
		</Box>
	);
}
