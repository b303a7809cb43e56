import type {Adapter} from 'lowdb';
import type {DecisionBackend} from './decision-backend.js';
import {DecisionTable} from './decision-table.js';
import type {DecisionRecord, ReviewMode} from './schema.js';

/**
 * The lowdb adapter over another place to keep decisions (the PostgreSQL backend): the same
 * DecisionTable as the file's adapter, filled from the backend's records. read() reads everything
 * the first time and what others wrote after that; write(table) hands the table's pending records
 * over and merges back what the backend says the table may not know.
 */
export class BackendAdapter implements Adapter<DecisionTable> {
	readonly table = new DecisionTable();
	private loaded = false;

	constructor(readonly backend: DecisionBackend, private readonly synchronously = false) {}

	get mode(): ReviewMode | undefined {
		return this.backend.mode;
	}

	set defaultMode(mode: ReviewMode) {
		this.backend.defaultMode = mode;
	}

	async read(): Promise<DecisionTable> {
		if (!this.loaded) {
			for (const record of await this.backend.readAll() ?? []) this.table.merge(record);
			this.loaded = true;
		} else {
			this.absorb(await this.backend.refresh());
		}

		return this.table;
	}

	async write(table: DecisionTable): Promise<void> {
		let saving = new Map<string, DecisionRecord>();
		// Called when the write starts: changes made while it waited go too.
		const incoming = await this.backend.writeChanges(() => {
			saving = new Map(table.pending);
			return [...saving.values()];
		}, this.synchronously);
		for (const [key, record] of saving) {
			if (table.pending.get(key) === record) table.pending.delete(key);
		}

		this.absorb(incoming);
	}

	peekSample(sample: string): DecisionRecord[] | undefined {
		return this.backend.peekSample?.(sample);
	}

	watch(changed: () => void, interval: number): (() => void) | undefined {
		return this.backend.watch?.(changed, interval);
	}

	close() {
		this.backend.close?.();
	}

	private absorb(records: DecisionRecord[]) {
		for (const record of records) {
			if (this.table.merge(record)) this.table.changed.add(record.sample);
		}
	}
}
