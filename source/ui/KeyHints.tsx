import React from 'react';
import {Text} from 'ink';
import stringWidth from 'string-width';
import type {Mode} from '../review/session.js';

type Hint = [key: string, label: string, short: string];

/** Browse keys by priority: the deciding keys first; `? help` and `q quit` are always shown. */
const browseHints: Hint[] = [
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
];

const alwaysShown: Hint[] = [
	['?', 'help', 'help'],
	['q', 'quit', 'quit'],
];

/** Shown in place of the hints that did not fit: more keys are listed in help. */
const more = '…';

/**
 * Each mode's hints as [full, short]; the last two (how to finish, how to get out) always stay, and
 * the ones before them give way first when space is short.
 */
const modeHints: Record<string, Array<[string, string?]>> = {
	bias: [['1-9 0 toggle'], ['↑↓ space toggle', '↑↓ space'], ['tab note'], ['enter flag'], ['esc cancel', 'esc']],
	biasNote: [['type a note'], ['ctrl-u clear', 'ctrl-u'], ['tab back to categories', 'tab back'], ['enter flag'], ['esc cancel', 'esc']],
	note: [['type a note'], ['ctrl-u clear · ctrl-w word', 'ctrl-u/w'], ['enter save (empty removes it)', 'enter save'], ['esc cancel', 'esc']],
	goto: [['type a sample number', 'number'], ['enter go'], ['esc cancel', 'esc']],
	search: [['type text to find', 'text'], ['ctrl-u clear · ctrl-w word', 'ctrl-u/w'], ['enter search (then n / N)', 'enter search'], ['esc cancel', 'esc']],
	help: [['↑↓ j/k PgUp/PgDn scroll', '↑↓ j/k scroll'], ['esc, q or ? close', 'esc close']],
	stats: [['↑↓ j/k PgUp/PgDn scroll', '↑↓ j/k scroll'], ['esc, q or t close', 'esc close']],
	unsaved: [['r retry saving', 'r retry'], ['w wait and keep reviewing', 'w wait'], ['q quit anyway (unsaved decisions are lost)', 'q quit, losing them']],
};

/**
 * The browse hints that fit a width: all in full, else all abbreviated, else the highest-priority
 * ones abbreviated then `…` (more in help), always ending with `? help  q quit`.
 */
export function browseHintParts(width: number): {parts: Array<{key: string; label: string}>; gap: string} {
	const fits = (parts: Array<{key: string; label: string}>, gap: string) => stringWidth(hintText(parts, gap)) <= width;
	const long = [...browseHints, ...alwaysShown].map(([key, label]) => ({key, label}));
	if (fits(long, '  ')) return {parts: long, gap: '  '};
	const short = [...browseHints, ...alwaysShown].map(([key, , label]) => ({key, label}));
	if (fits(short, ' ')) return {parts: short, gap: ' '};
	const tail = alwaysShown.map(([key, label]) => ({key, label}));
	for (let n = browseHints.length - 1; n > 0; n--) {
		const parts = [...browseHints.slice(0, n).map(([key, , label]) => ({key, label})), {key: '', label: more}, ...tail];
		if (fits(parts, ' ')) return {parts, gap: ' '};
	}

	return {parts: [{key: '', label: more}, ...tail], gap: ' '};
}

export function hintText(parts: Array<{key: string; label: string}>, gap: string): string {
	return parts.map(({key, label}) => (key ? `${key} ${label}` : label)).join(gap);
}

/** A mode's hints that fit a width: in full, else shortened, else without the first ones. */
export function modeHintText(hints: Array<[string, string?]>, width: number): string {
	const full = hints.map(([text]) => text);
	if (stringWidth(full.join(' · ')) <= width) return full.join(' · ');
	const short = hints.map(([text, shorter]) => shorter ?? text);
	while (short.length > 2 && stringWidth(short.join(' · ')) > width) short.shift();
	return short.join(' · ');
}

/** The keys that work right now, always on screen. */
export function KeyHints({mode, width}: {mode: Mode; width: number}) {
	if (mode.name !== 'browse') {
		const parts = mode.name === 'bias' && mode.editingNote ? modeHints.biasNote : modeHints[mode.name];
		return <Text dimColor wrap="truncate-end">{modeHintText(parts, width)}</Text>;
	}

	const {parts, gap} = browseHintParts(width);
	return (
		<Text wrap="truncate-end">
			{parts.map(({key, label}, i) => (
				<Text key={key || label}>
					{i > 0 ? gap : ''}
					{key ? <Text bold>{key}</Text> : null}
					<Text dimColor>{key ? ` ${label}` : label}</Text>
				</Text>
			))}
		</Text>
	);
}
