/*
Two answers side by side with a verdict kept in other fields (PKU-SafeRLHF's better_response_id, SHP's labels,
Chatbot Arena's winner): the better one first as `chosen`, the other as `rejected`, so they stand side by side on
a wide screen and `signal:…@chosen` reads the preferred one. Without a verdict (a tie) both keep their own tones,
in file order.
*/
import {chatBlocks, type Voice} from './messages.js';
import type {Block} from './types.js';
import {turnText, withDetails} from './values.js';

export type JudgedSide = {
	/** The key or name the answer goes by: "response_0", "model_a: koala-13b". */
	name: string;
	details: Array<string | undefined>;
	/** Text, or a chat list (shown turn by turn); null: an answer never written, shown as `(empty)`. */
	value: string | unknown[] | null;
};

function sideBlocks(side: JudgedSide, verdict: 'chosen' | 'rejected' | undefined): Block[] {
	const label = withDetails(side.name, side.details);
	const prefix = verdict === undefined ? '' : `${verdict} · `;
	if (typeof side.value === 'string' || side.value === null) return [{label: `${prefix}${label}`, text: turnText(side.value ?? ''), tone: verdict ?? 'completion'}];
	const voice: Voice = {labelPrefix: `${prefix}${label} · `, tone: verdict};
	return chatBlocks(side.value, voice);
}

/** The two sides' blocks, the winner (0 or 1) first; undefined: a tie or no verdict. */
export function judgedPairBlocks(sides: readonly [JudgedSide, JudgedSide], winner: 0 | 1 | undefined): Block[] {
	if (winner === undefined) return [...sideBlocks(sides[0], undefined), ...sideBlocks(sides[1], undefined)];
	return [...sideBlocks(sides[winner], 'chosen'), ...sideBlocks(sides[1 - winner], 'rejected')];
}
