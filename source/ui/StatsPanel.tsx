import React, {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {ReviewController} from '../review/controller.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {statsPanelLines} from './stats-panel-lines.js';

/** Counts, bias categories, reviewers and agreement for the whole dataset, over the sample; j/k scroll it. */
export function StatsPanel({controller, height, width}: {controller: ReviewController; height: number; width: number}) {
	const lines = useMemo(() => statsPanelLines(controller, width), [controller, width]);
	const [top, setTop] = useState(0);
	const maxTop = Math.max(0, lines.length - height);
	useInput((input, key) => {
		if (key.downArrow || input === 'j' || key.pageDown) setTop(t => Math.min(maxTop, t + (key.pageDown ? height - 1 : 1)));
		if (key.upArrow || input === 'k' || key.pageUp) setTop(t => Math.max(0, t - (key.pageUp ? height - 1 : 1)));
	});
	return (
		<Box flexDirection="column" height={height}>
			{lines.slice(top, top + height).map((line, i) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={top + i} wrap="truncate-end">{line ? sanitizeLine(line) : ' '}</Text>
			))}
		</Box>
	);
}
