import React from 'react';
import {Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {Counts} from '../review/controller.js';
import type {Filter} from '../review/session.js';
import type {SaveStatus} from '../store/decision-store.js';

type Props = {
	reviewer: string;
	counts: Counts;
	filter: Filter;
	save: SaveStatus;
	indexing: string | undefined;
	others: string[];
	compact: boolean;
};

function percent(part: number, whole: number): string {
	if (whole === 0) return '0%';
	const value = (100 * part) / whole;
	return `${value > 0 && value < 1 ? value.toFixed(1) : Math.floor(value)}%`;
}

/** A reviewer's name cut to a length that leaves room for the progress after it. */
function shortName(name: string): string {
	const characters = [...name];
	return characters.length > 24 ? `${characters.slice(0, 23).join('')}…` : name;
}

/** Reviewer, progress, counts, filter and whether everything is saved. */
export function StatusBar({reviewer, counts, filter, save, indexing, others, compact}: Props) {
	const saved = save.error ? `not saved (${save.unsaved})` : save.unsaved > 0 ? 'saving…' : 'saved';
	return (
		<Text inverse wrap="truncate-end">
			<Text bold> {shortName(sanitizeLine(reviewer))} </Text>
			<Text>· {counts.decided}/{counts.total} decided ({percent(counts.decided, counts.total)}) </Text>
			<Text color="green">✓{counts.accepted} </Text>
			<Text color="red">✗{counts.rejected} </Text>
			<Text color="yellow">⚑{counts.flagged} </Text>
			{counts.conflicts > 0 ? <Text color="red">≠{counts.conflicts} </Text> : null}
			<Text>· {compact ? '' : 'filter: '}{filter} </Text>
			<Text color={save.error ? 'red' : undefined}>· {saved} </Text>
			{indexing ? <Text>· {indexing} </Text> : null}
			{others.length > 0 ? <Text>· also here: {sanitizeLine(others.join(', '))} </Text> : null}
		</Text>
	);
}
