import {contentHash} from './content-hash.js';
import {forEachEntrySync} from './entry-scanner.js';
import {topLevelValue} from './identity.js';

/*
Lines that share an id share its decisions, and a decision records the hash of the one line it was
made on (content-hash.ts). While the main scan (export, stats, decide) goes through the file in
order, a line of a repeated id whose bytes are not the decided ones may come before the line that
holds them; whether the decided bytes are still among the id's lines is then known only from the
whole file. ContentPresence reads it once, on the first such question, and keeps the content hashes
of the lines of the ids asked about (decided ids whose decisions recorded a hash): a file without
repeated ids and without changed samples is never read for it.
*/

export class ContentPresence {
	private hashes: Map<string, Set<string>> | undefined;

	/** `wanted(id)`: whether the lines with this id are to be hashed (the ids decided with a hash). */
	constructor(private readonly path: string, private readonly idField: string, private readonly wanted: (id: string) => boolean) {}

	/** Whether a line with id `id` holds the bytes whose content hash is `hash`. */
	holds(id: string, hash: string): boolean {
		this.hashes ??= this.read();
		return this.hashes.get(id)?.has(hash) ?? false;
	}

	private read(): Map<string, Set<string>> {
		const hashes = new Map<string, Set<string>>();
		try {
			forEachEntrySync(this.path, bytes => {
				const id = topLevelValue(bytes, this.idField);
				if (id === undefined || !this.wanted(id)) return;
				let set = hashes.get(id);
				if (!set) hashes.set(id, set = new Set());
				set.add(contentHash(bytes));
			});
		} catch {
			// A file that cannot be read again (removed meanwhile, cut short): what was read stands.
		}

		return hashes;
	}
}
