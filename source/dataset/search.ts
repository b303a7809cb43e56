import type {Dataset} from './dataset.js';

export type Match = {index: number; wrapped: boolean};

/** How many bytes of consecutive samples one read takes before the search yields to key presses. */
const blockBytes = 4 * 1024 * 1024;

/**
 * Finds the next sample after `from` (or before, for direction -1) whose text holds `query`,
 * case-insensitively, wrapping around once. Reads the file in blocks and yields between them, so
 * the screen stays responsive and a newer search can abort this one.
 */
export async function findNextMatch(dataset: Dataset, from: number, direction: 1 | -1, query: string, signal?: AbortSignal): Promise<Match | undefined> {
	const needle = query.toLowerCase();
	return findNextEntry(dataset, from, direction, (_index, bytes) => entryMatches(bytes, needle), signal);
}

/**
 * The next sample after `from` (or before, for direction -1), wrapping around once, whose index and
 * raw bytes pass `test`. Reads the file in blocks and yields between them, so the screen stays
 * responsive and a newer search can abort this one.
 */
export async function findNextEntry(dataset: Dataset, from: number, direction: 1 | -1, test: (index: number, bytes: Uint8Array) => boolean, signal?: AbortSignal): Promise<Match | undefined> {
	const count = dataset.count;
	let visited = 0;
	let position = from;
	while (visited < count - 1) {
		if (signal?.aborted) return undefined;
		// Gather a run of consecutive samples in the search direction, up to one block of bytes.
		let next = step(position, direction, count);
		const run: number[] = [next];
		let low = dataset.index.start(next);
		let high = dataset.index.end(next);
		while (visited + run.length < count - 1) {
			const candidate = step(next, direction, count);
			if (direction === 1 ? candidate < next : candidate > next) break;
			const start = dataset.index.start(candidate);
			const end = dataset.index.end(candidate);
			if (Math.max(high, end) - Math.min(low, start) > blockBytes) break;
			low = Math.min(low, start);
			high = Math.max(high, end);
			run.push(candidate);
			next = candidate;
		}

		const block = dataset.readBytes(low, high);
		for (const i of run) {
			const bytes = block.subarray(dataset.index.start(i) - low, dataset.index.end(i) - low);
			if (test(i, bytes)) return {index: i, wrapped: direction === 1 ? i < from : i > from};
		}

		visited += run.length;
		position = run.at(-1)!;
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	return undefined;
}

function step(i: number, direction: 1 | -1, count: number): number {
	return (i + direction + count) % count;
}

/** Matches the text as written, and the decoded strings when JSON escapes hide it (\n, \u00e9). */
export function entryMatches(bytes: Uint8Array, needle: string): boolean {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
	return rawOrDecodedMatches(text, value => value.toLowerCase().includes(needle));
}

/**
 * Whether `test` holds for a JSON text as written, or, when escapes may hide what it looks for, for
 * one of the text's decoded strings (keys and values).
 */
export function rawOrDecodedMatches(text: string, test: (value: string) => boolean): boolean {
	if (test(text)) return true;
	if (!text.includes('\\')) return false;
	try {
		return collectStrings(JSON.parse(text)).some(value => test(value));
	} catch {
		return false;
	}
}

function collectStrings(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
	else if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			into.push(key);
			collectStrings(item, into);
		}
	}

	return into;
}

/**
 * Calls `visit` on every sample from the first to the last with its raw bytes, a block at a time,
 * yielding between blocks; stops early when the signal aborts (then returns false).
 */
export async function forEachEntry(dataset: Dataset, visit: (index: number, bytes: Uint8Array) => void, signal?: AbortSignal, afterBlock?: (next: number) => void): Promise<boolean> {
	let index = 0;
	while (index < dataset.count) {
		if (signal?.aborted) return false;
		const low = dataset.index.start(index);
		let end = index + 1;
		while (end < dataset.count && dataset.index.end(end) - low <= blockBytes) end++;
		const block = dataset.readBytes(low, dataset.index.end(end - 1));
		for (let i = index; i < end; i++) visit(i, block.subarray(dataset.index.start(i) - low, dataset.index.end(i) - low));
		index = end;
		afterBlock?.(index);
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	return !signal?.aborted;
}
