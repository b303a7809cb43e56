/**
 * Watches the ids a scan gives (entry by entry) for a mistyped --id-field: when the field was named
 * and not one well-formed sample has it, every sample is identified by the hash of its bytes, and the
 * decisions made under the real field's ids all look like decisions on samples not in the dataset.
 */
export class IdFieldCheck {
	private samples = 0;
	private hashed = 0;

	constructor(private readonly idField: string, private readonly named: boolean) {}

	/** One entry: whether its id is a hash of its bytes (EntrySpan.isHashId: no id text is made for it). */
	see(hashId: boolean, malformed: boolean) {
		if (malformed) return;
		this.samples++;
		if (hashId) this.hashed++;
	}

	/** One sentence to tell the user, or undefined when the field is there (or was not named). */
	warning(dataset: string): string | undefined {
		if (!this.named || this.samples === 0 || this.hashed < this.samples) return undefined;
		return `no sample in ${dataset} has the field "${this.idField}" (--id-field), so every sample is identified by the hash of its bytes; check the field's name (the default is id).`;
	}
}
