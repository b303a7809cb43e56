import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {SignalLine} from './signal-lines.js';
import {fitWidth, terminalWidth} from './terminal-width.js';

/** The current sample's signals under the header, one reason a line (signal-lines.ts). */
export function SignalLines({lines, width}: {lines: SignalLine[]; width: number}) {
	if (lines.length === 0) return null;
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, i) => {
				// Cut to the columns the terminal draws (terminal-width.ts), not string-width's: a reason quoting
				// Malayalam or Devanagari measured narrower wrapped in tmux and pushed the header off the screen.
				const label = line.signal ? `⚠ ${line.signal}` : '';
				const text = fitWidth(line.signal ? (line.text ? `: ${sanitizeLine(line.text)}` : '') : sanitizeLine(line.text), Math.max(0, width - terminalWidth(label)));
				return (
					<Text key={i} wrap="truncate-end">
						{line.signal ? <Text bold color="magenta">{label}</Text> : <Text dimColor>{text}</Text>}
						{line.signal && text ? <Text>{text}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
