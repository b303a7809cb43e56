import React from 'react';
import {Text} from 'ink';
import stringWidth from 'string-width';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {Counts} from '../review/controller.js';
import type {Filter} from '../review/session.js';
import type {SaveStatus} from '../store/decision-store.js';
import {count} from '../report/render.js';

type Props = {
	reviewer: string;
	counts: Counts;
	filter: Filter;
	save: SaveStatus;
	indexing: string | undefined;
	others: string[];
	width: number;
	/** The order moves go in (`o`), when not file order. */
	order?: string;
	/** The query the screen filters by, with how many samples match: "signal:refusal (27)". */
	query?: string;
};

export type Segment = {text: string; color?: string; bold?: boolean};

function percent(part: number, whole: number): string {
	if (whole === 0) return '0%';
	const value = (100 * part) / whole;
	return `${value > 0 && value < 1 ? value.toFixed(1) : Math.floor(value)}%`;
}

/** A name cut to at most `length` characters, marked with … when cut. */
function shortName(name: string, length: number): string {
	const characters = [...name];
	return characters.length > length ? `${characters.slice(0, length - 1).join('')}…` : name;
}

/**
 * The status bar's parts, shortened step by step until they fit the width: the save state
 * (saved / saving… / not saved) always stays; the filter label, other reviewers, the words of the
 * progress, the reviewer's name and then the counts give way first.
 */
export function statusSegments({reviewer, counts, filter: status, save, indexing, others, order, query}: Omit<Props, 'width'>, width: number): Segment[] {
	const ordered = order ? sanitizeLine(order) : undefined;
	const where = query ? sanitizeLine(query) : undefined;
	const filter = [status, where, ordered ? `↕${ordered}` : undefined].filter(Boolean).join(' ');
	const longFilter = [`filter: ${status}`, where ? `query: ${where}` : undefined, ordered ? `order: ${ordered}` : undefined].filter(Boolean).join(' · ');
	const saved = save.error ? `not saved (${count(save.unsaved)})` : save.unsaved > 0 ? 'saving…' : 'saved';
	const name = sanitizeLine(reviewer);
	const who = sanitizeLine(others.join(', '));
	const progress = `${count(counts.decided)}/${count(counts.total)}`;
	const levels = [
		{name: 24, progress: `${progress} decided (${percent(counts.decided, counts.total)})`, filter: longFilter, others: `also here: ${who}`, counts: true},
		{name: 24, progress: `${progress} decided (${percent(counts.decided, counts.total)})`, filter, others: `also here: ${who}`, counts: true},
		{name: 24, progress: `${progress} decided (${percent(counts.decided, counts.total)})`, filter, others: `+${others.length} here`, counts: true},
		{name: 16, progress: `${progress} (${percent(counts.decided, counts.total)})`, filter, others: `+${others.length} here`, counts: true},
		{name: 10, progress, filter, others: '', counts: true},
		{name: 6, progress, filter, others: '', counts: false},
		{name: 6, progress, filter: status, others: '', counts: false},
		{name: 6, progress, filter: '', others: '', counts: false},
		{name: 0, progress: '', filter: '', others: '', counts: false},
	];
	let segments: Segment[] = [];
	for (const level of levels) {
		segments = [];
		segments.push({text: level.name > 0 ? ` ${shortName(name, level.name)} ` : ' ', bold: true});
		if (level.progress) segments.push({text: `· ${level.progress} `});
		if (level.counts) {
			segments.push({text: `✓${count(counts.accepted)} `, color: 'green'}, {text: `✗${count(counts.rejected)} `, color: 'red'}, {text: `⚑${count(counts.flagged)} `, color: 'yellow'});
			if (counts.conflicts > 0) segments.push({text: `≠${count(counts.conflicts)} `, color: 'red'});
		}

		if (level.filter) segments.push({text: `· ${level.filter} `});
		segments.push({text: `· ${saved} `, color: save.error ? 'red' : undefined});
		if (indexing) segments.push({text: `· ${indexing} `});
		if (level.others && others.length > 0) segments.push({text: `· ${level.others} `});
		if (stringWidth(segments.map(segment => segment.text).join('')) <= width) break;
	}

	return segments;
}

/** Reviewer, progress, counts, filter and whether everything is saved. */
export function StatusBar(props: Props) {
	return (
		<Text inverse wrap="truncate-end">
			{statusSegments(props, props.width).map((segment, i) => (
				<Text key={i} bold={segment.bold} color={segment.color}>{segment.text}</Text>
			))}
		</Text>
	);
}
