import React from 'react';
import {Box, Text} from 'ink';

export const helpRows: Array<[string, string]> = [
	['a', 'accept, advance'],
	['r / x', 'reject, advance'],
	['b', 'flag bias: number keys pick categories, tab for a note, enter to flag'],
	['s / space', 'skip (no decision), advance'],
	['u / backspace', 'undo the last decision (repeatable)'],
	['c', 'add or edit a note on this sample'],
	['← → / h l', 'previous / next sample the filter shows'],
	['↑ ↓ / j k, PgUp PgDn', 'scroll a long sample'],
	['g / G', 'first / last sample the filter shows'],
	[':', 'go to sample number'],
	['/', 'search text; enter, then n / N for next / previous match'],
	['f', 'cycle filter: undecided · all · accepted · rejected · flagged (· conflicts)'],
	['t', 'stats panel'],
	['?', 'this help'],
	['q / ctrl-c', 'quit (everything is already saved)'],
];

/** Every key, in a panel over the sample. */
export function HelpPanel({height}: {height: number}) {
	const rows = helpRows.slice(0, Math.max(0, height - 2));
	return (
		<Box flexDirection="column" height={height}>
			<Text bold>Keys</Text>
			{rows.map(([key, action]) => (
				<Text key={key} wrap="truncate-end">
					<Text bold>{key.padEnd(22)}</Text>
					<Text>{action}</Text>
				</Text>
			))}
			<Text dimColor wrap="truncate-end">Decisions are saved as you make them; quit any time and start again to resume.</Text>
		</Box>
	);
}
