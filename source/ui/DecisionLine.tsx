import React from 'react';
import {Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {CurrentSample} from '../review/controller.js';
import type {DecisionRecord} from '../store/schema.js';
import {verdictColor, verdictMark} from './theme.js';

type Props = {
	current: CurrentSample;
	reviewer: string;
	viewKey?: string;
	reading?: boolean;
	/** The query (`f`) this sample does not match, when it is shown anyway (nothing else matches, or it was just decided). */
	outsideQuery?: string;
};

function describe(record: DecisionRecord): string {
	const categories = record.verdict === 'flagged' && record.categories.length > 0 ? ` (${record.categories.join(', ')})` : '';
	const reasons = record.verdict === 'rejected' && record.reasons && record.reasons.length > 0 ? ` (${record.reasons.join(', ')})` : '';
	return `${record.verdict ?? 'undecided'}${categories}${reasons}`;
}

/** This sample's state: your decision, the others', a conflict, the note. */
export function DecisionLine({current, reviewer, viewKey = 'd', reading = false, outsideQuery}: Props) {
	// The decisions file is still being read: nothing is known of this sample's decisions yet.
	if (reading) return <Text dimColor wrap="truncate-end">… decisions being read</Text>;
	const {mine, others, status, conflict, openBy, correction, changed} = current;
	const corrected = correction ? `✎ ${correction.view === 'corrected' ? 'corrected' : correction.view === 'original' ? 'original of a sample corrected' : 'diff of the correction'} by ${correction.by} (${viewKey}) · ` : '';
	const decidedOthers = others.filter(record => record.verdict !== null);
	const note = mine?.note ? ` · note: ${mine.note}` : '';
	return (
		<Text wrap="truncate-end">
			{outsideQuery === undefined ? null : <Text color="yellow" bold>{sanitizeLine(`not matching ${outsideQuery} · `)}</Text>}
			{corrected ? <Text color="cyan" bold>{sanitizeLine(corrected)}</Text> : null}
			{changed ? <Text color="yellow" bold>changed since decided: decide again · </Text> : null}
			<Text bold color={verdictColor[status]}>{verdictMark[status]} {status}</Text>
			<Text> · you ({sanitizeLine(reviewer)}): {mine?.verdict ? sanitizeLine(describe(mine)) : 'no decision'}{mine?.verdict && mine.resolution ? ' (lead: resolves)' : ''}</Text>
			{decidedOthers.map(record => (
				<Text key={record.reviewer} dimColor> · {sanitizeLine(record.reviewer)}: {sanitizeLine(describe(record))}{record.resolution ? ' (lead)' : ''}</Text>
			))}
			{conflict ? <Text color="red" bold> · conflict</Text> : null}
			{openBy.length > 0 ? <Text color="magenta"> · open by {sanitizeLine(openBy.join(', '))}</Text> : null}
			<Text dimColor>{sanitizeLine(note)}</Text>
		</Text>
	);
}
