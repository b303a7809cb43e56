import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {SignalLine} from './signal-lines.js';

/** The current sample's signals under the header, one reason a line (signal-lines.ts). */
export function SignalLines({lines, width}: {lines: SignalLine[]; width: number}) {
	if (lines.length === 0) return null;
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{line.signal ? <Text bold color="magenta">⚠ {line.signal}</Text> : <Text dimColor>{sanitizeLine(line.text)}</Text>}
					{line.signal && line.text ? <Text>: {sanitizeLine(line.text)}</Text> : null}
				</Text>
			))}
		</Box>
	);
}
