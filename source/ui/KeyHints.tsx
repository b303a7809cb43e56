import React from 'react';
import {Text} from 'ink';
import type {Mode} from '../review/session.js';

const browseHints: Array<[string, string, string]> = [
	['a', 'accept', 'acc'],
	['r', 'reject', 'rej'],
	['b', 'bias', 'bias'],
	['s', 'skip', 'skip'],
	['u', 'undo', 'undo'],
	['c', 'note', 'note'],
	['←→', 'move', 'mv'],
	['/', 'search', 'find'],
	['f', 'filter', 'filt'],
	['t', 'stats', 'st'],
	['?', 'help', 'help'],
	['q', 'quit', 'quit'],
];

const modeHints: Record<string, string> = {
	bias: '1-9 0 toggle · ↑↓ space toggle · tab note · enter flag · esc cancel',
	biasNote: 'type a note · tab back to categories · enter flag · esc cancel',
	note: 'type a note · enter save (empty removes it) · esc cancel',
	goto: 'type a sample number · enter go · esc cancel',
	search: 'type text to find · enter search (then n / N) · esc cancel',
	help: 'esc, q or ? to close',
	stats: '↑↓ j/k scroll · esc, q or t to close',
	unsaved: 'r retry saving · w wait and keep reviewing · q quit anyway (unsaved decisions are lost)',
};

/** The keys that work right now, always on screen. */
export function KeyHints({mode, width}: {mode: Mode; width: number}) {
	if (mode.name !== 'browse') {
		const text = mode.name === 'bias' && mode.editingNote ? modeHints.biasNote : modeHints[mode.name];
		return <Text dimColor wrap="truncate-end">{text}</Text>;
	}

	const long = browseHints.map(([key, label]) => `${key} ${label}`).join('  ');
	const short = browseHints.map(([key, , label]) => `${key} ${label}`).join(' ');
	return (
		<Text wrap="truncate-end">
			{(long.length <= width ? long : short).split(/( +)/).map((part, i) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={i} bold={i % 4 === 0} dimColor={i % 4 !== 0}>{part}</Text>
			))}
		</Text>
	);
}
