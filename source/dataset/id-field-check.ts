import {needleFor} from './identity.js';

/**
 * Watches the ids a scan gives (entry by entry) for a mistyped --id-field: when the field was named
 * and not one well-formed sample has it, every sample is identified by the hash of its bytes, and the
 * decisions made under the real field's ids all look like decisions on samples not in the dataset.
 * Also counts samples that have the field with a value no id can be made of (true, null, {}, ""): they
 * are identified by the hash of their bytes too.
 */
/** Hashed entries without the field after which a file is taken to have none (ids of true or null are not looked for further). */
const noFieldAfter = 1000;

export class IdFieldCheck {
	private samples = 0;
	private hashed = 0;
	private unusable = 0;
	private firstUnusable: {line: number; value: string} | undefined;

	constructor(private readonly idField: string, private readonly named: boolean) {}

	/**
	 * One entry: whether its id is a hash of its bytes (EntrySpan.isHashId: no id text is made for it);
	 * with its bytes and line number, a hashed entry that has the field is counted as one whose id value is unusable.
	 */
	see(hashId: boolean, malformed: boolean, bytes?: Uint8Array, line?: number) {
		if (!this.counts(hashId, malformed) || bytes === undefined || line === undefined) return;
		this.look(bytes, line);
	}

	/**
	 * see() for an entry of the scan, whose bytes (a new view each time they are asked for) are asked
	 * for only when they are looked at: for a hashed entry, and not once the file is known to lack the field.
	 */
	seeEntry(entry: {readonly isHashId: boolean; readonly bytes: Uint8Array; readonly lineNumber: number}, malformed: boolean) {
		if (this.counts(entry.isHashId, malformed)) this.look(entry.bytes, entry.lineNumber);
	}

	/** Whether see() of a well-formed entry would look at its bytes (then they must be given). */
	needsBytes(hashId: boolean): boolean {
		return hashId && !(this.unusable === 0 && this.hashed + 1 > noFieldAfter && this.hashed + 1 === this.samples + 1);
	}

	/** Counts the entry; whether its bytes are to be looked at. */
	private counts(hashId: boolean, malformed: boolean): boolean {
		if (malformed) return false;
		this.samples++;
		if (!hashId) return false;
		this.hashed++;
		// A file without the field at all (every entry so far hashed, none holding the key): no need to look on.
		return !(this.unusable === 0 && this.hashed > noFieldAfter && this.hashed === this.samples);
	}

	private look(bytes: Uint8Array, line: number) {
		const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		if (!buffer.includes(needleFor(this.idField))) return;
		let value: unknown;
		try {
			value = JSON.parse(buffer.toString('utf8')) as unknown;
		} catch {
			return;
		}

		if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, this.idField)) return;
		this.unusable++;
		if (!this.firstUnusable) {
			const text = JSON.stringify((value as Record<string, unknown>)[this.idField]) ?? 'undefined';
			this.firstUnusable = {line, value: text.length > 40 ? `${text.slice(0, 40)}…` : text};
		}
	}

	/** The sentences to tell the user (none when the field is there, or was not named and every id is usable). */
	warnings(dataset: string): string[] {
		const warnings: string[] = [];
		const missing = this.named && this.samples > 0 && this.hashed === this.samples && this.unusable === 0;
		if (missing) warnings.push(missingIdFieldWarning(dataset, this.idField));
		if (this.unusable > 0 && this.firstUnusable) {
			const {line, value} = this.firstUnusable;
			const n = this.unusable;
			warnings.push(`${n.toLocaleString('en')} ${n === 1 ? 'sample' : 'samples'} in ${dataset} ${n === 1 ? 'has' : 'have'} an "${this.idField}" that is not a non-empty string or a number (first: line ${line}, ${value}), so ${n === 1 ? 'it is' : 'they are'} identified by the hash of ${n === 1 ? 'its' : 'their'} bytes.`);
		}

		return warnings;
	}

	/** The first of warnings(), or undefined. */
	warning(dataset: string): string | undefined {
		return this.warnings(dataset)[0];
	}
}

/** The sentence for an --id-field no sample has; a dotted name is said to be one top-level key, not a path. */
export function missingIdFieldWarning(dataset: string, idField: string): string {
	const path = idField.includes('.') ? ' (--id-field takes a top-level key, not a path into a nested object)' : ' (--id-field)';
	return `no sample in ${dataset} has the field "${idField}"${path}, so every sample is identified by the hash of its bytes; check the field's name (the default is id).`;
}
