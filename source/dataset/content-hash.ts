import * as crypto from 'node:crypto';
import {hashId, hashPrefix} from './identity.js';
import type {DecisionRecord} from '../store/schema.js';

/*
A decision records a hash of the sample's bytes it was made on (DecisionRecord.hash). When the
sample under that id holds other bytes later (the dataset was edited, regenerated, or rewritten by
someone else), the decision is not the sample's any more: export, stats and the review screen treat
the sample as "changed since decided", to be decided again. The hash is the one a sample without an id
field gets as its id, so for those it is implicit and not recorded. Records without a hash (from
before) are trusted as they are.
*/

/** The hash of an entry's exact bytes: `sha1:` and 16 hex digits, as hashId. */
export function contentHash(bytes: Uint8Array): string {
	return hashId(bytes);
}

/** contentHash of a long entry read in pieces (`read(start, end)` gives bytes[start, end)), never all of it at once. */
export function contentHashInPieces(size: number, read: (start: number, end: number) => Uint8Array, piece = 4 * 1024 * 1024): string {
	const hash = crypto.createHash('sha1');
	for (let start = 0; start < size; start += piece) hash.update(read(start, Math.min(size, start + piece)));
	return (hashPrefix + hash.digest('hex')).slice(0, hashPrefix.length + 16);
}

/** The hash a decision on sample `id` records: none when the id already is the hash of its bytes. */
export function hashToRecord(id: string, hash: string): string | undefined {
	return id === hash ? undefined : hash;
}

/**
 * A decision (not an undone one) made on other bytes than the sample's now (`hash`). With a repeated
 * id, a decision made on another line's bytes is not "other bytes" while that line still holds them:
 * see madeOnNoneOf.
 */
export function madeOnOtherBytes(record: DecisionRecord, hash: string): boolean {
	return record.verdict !== null && typeof record.hash === 'string' && record.hash !== hash;
}

/**
 * A decision (not an undone one) made on bytes that none of the lines with its sample's id holds now
 * (`hashes`: the content hashes of every line with the id). Lines that share an id share its
 * decisions: one made on any of them covers them all while the bytes it was made on are still
 * among them; once they are not (that line was edited), every line with the id is changed since decided.
 */
export function madeOnNoneOf(record: DecisionRecord, hashes: ReadonlySet<string>): boolean {
	return record.verdict !== null && typeof record.hash === 'string' && !hashes.has(record.hash);
}
