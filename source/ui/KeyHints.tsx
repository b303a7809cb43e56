import React from 'react';
import {Text} from 'ink';
import stringWidth from 'string-width';
import {defaultBindings, modeChain, type Binding} from '../review/bindings.js';
import {barHints} from '../review/key-help.js';
import type {Mode} from '../review/session.js';

/** Shown in place of the hints that did not fit: more keys are listed in help. */
const more = '…';

/** What a text field wants typed, and its editing keys, before the keys from the binding table. */
const fieldHints: Record<string, Array<[string, string?]>> = {
	note: [['type a note'], ['ctrl-u clear · ctrl-w word', 'ctrl-u/w']],
	goto: [['type a sample number', 'number']],
	search: [['type text to find', 'text'], ['ctrl-u clear · ctrl-w word', 'ctrl-u/w']],
	query: [['type a query: signal:refusal model:gpt-4o -status:rejected …', 'query'], ['ctrl-u clear', 'ctrl-u']],
	order: [['file · signals · a field (-field: largest first)', 'file/signals/field'], ['ctrl-u clear', 'ctrl-u']],
	biasNote: [['type a note'], ['ctrl-u clear', 'ctrl-u']],
};

/**
 * The browse hints that fit a width: all in full, else all abbreviated, else the highest-priority
 * ones abbreviated then `…` (more in help), always ending with the pinned `? help  q quit`.
 */
export function browseHintParts(width: number, bindings: readonly Binding[] = defaultBindings): {parts: Array<{key: string; label: string}>; gap: string} {
	const {hints, pinned} = barHints(bindings, ['browse']);
	const fits = (parts: Array<{key: string; label: string}>, gap: string) => stringWidth(hintText(parts, gap)) <= width;
	const long = [...hints, ...pinned].map(({key, label}) => ({key, label}));
	if (fits(long, '  ')) return {parts: long, gap: '  '};
	const short = [...hints, ...pinned].map(({key, short}) => ({key, label: short}));
	if (fits(short, ' ')) return {parts: short, gap: ' '};
	const tail = pinned.map(({key, label}) => ({key, label}));
	for (let n = hints.length - 1; n > 0; n--) {
		const parts = [...hints.slice(0, n).map(({key, short}) => ({key, label: short})), {key: '', label: more}, ...tail];
		if (fits(parts, ' ')) return {parts, gap: ' '};
	}

	return {parts: [{key: '', label: more}, ...tail], gap: ' '};
}

export function hintText(parts: Array<{key: string; label: string}>, gap: string): string {
	return parts.map(({key, label}) => (key ? `${key} ${label}` : label)).join(gap);
}

/** A mode's hints as [full, short]: what to type in a field, then its keys from the binding table by priority. */
export function modeHints(mode: Mode, bindings: readonly Binding[] = defaultBindings): Array<[string, string?]> {
	const typing = mode.name === 'bias' && mode.editingNote ? fieldHints.biasNote : fieldHints[mode.name] ?? [];
	const {hints} = barHints(bindings, modeChain(mode));
	return [...typing, ...hints.map(({key, label, short}): [string, string] => [`${key} ${label}`, short ? `${key} ${short}` : key])];
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
export function KeyHints({mode, width, bindings = defaultBindings}: {mode: Mode; width: number; bindings?: readonly Binding[]}) {
	if (mode.name === 'query' && mode.error) return <Text color="red" wrap="truncate-end">{mode.error}</Text>;
	if (mode.name === 'query' && mode.candidates.length > 0) return <Text color="cyan" wrap="truncate-end">{mode.candidates.join('  ')}</Text>;
	if (mode.name !== 'browse') return <Text dimColor wrap="truncate-end">{modeHintText(modeHints(mode, bindings), width)}</Text>;
	const {parts, gap} = browseHintParts(width, bindings);
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
