// The index's columns (source/dataset/entry-index.ts, id-table.ts, index-builder.ts) against plain
// reference versions: spans kept as ends only until an entry breaks the pattern, ids stored packed
// in one form until another comes, ids looked up in batches, the usual line's id read without
// locateValue, and a second thread's view of the columns (buffers() and adopt()) at any point.
import {randomUUID} from 'node:crypto';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {EntryIndex} from '../source/dataset/entry-index.js';
import {IdTable} from '../source/dataset/id-table.js';
import {hashId, sampleId} from '../source/dataset/identity.js';
import {IndexBuilder} from '../source/dataset/index-builder.js';

type Span = {start: number; end: number; line: number};

/** Entries one after another with a separator (LF, CRLF, a comma) and sometimes blank lines or other gaps. */
const spans = fc.tuple(
	fc.nat({max: 5}),
	fc.constantFrom(1, 2),
	fc.array(fc.record({length: fc.nat({max: 50}), gap: fc.oneof({weight: 8, arbitrary: fc.constant(0)}, {weight: 1, arbitrary: fc.integer({min: -1, max: 3})}), skippedLines: fc.oneof({weight: 8, arbitrary: fc.constant(0)}, {weight: 1, arbitrary: fc.integer({min: 1, max: 3})})}), {maxLength: 80}),
).map(([firstStart, separator, parts]) => {
	const result: Span[] = [];
	let at = firstStart;
	let line = 1;
	for (const [i, part] of parts.entries()) {
		if (i > 0) at += Math.max(1, separator + part.gap);
		line += i > 0 ? 1 + part.skippedLines : part.skippedLines;
		result.push({start: at, end: at + part.length, line});
		at += part.length;
	}

	return result;
});

describe('EntryIndex', () => {
	test('gives back every span and line number, and so does a view of it taken at any point', () => {
		fc.assert(fc.property(spans, fc.boolean(), fc.nat(), (entries, wide, cut) => {
			const index = new EntryIndex(true, wide);
			const views: Array<{view: EntryIndex; count: number}> = [];
			const viewAt = entries.length === 0 ? 0 : cut % entries.length;
			for (const [i, entry] of entries.entries()) {
				expect(index.push(entry.start, entry.end, entry.line)).toBe(i);
				if (i === viewAt || index.moved) {
					const view = new EntryIndex();
					view.adopt(index.buffers(), index.count);
					views.push({view, count: index.count});
				}
			}

			const final = new EntryIndex();
			final.adopt(index.buffers(), index.count);
			views.push({view: final, count: index.count});
			for (const {view, count} of [...views, {view: index, count: entries.length}]) {
				for (let i = 0; i < count; i++) {
					expect(view.start(i)).toBe(entries[i].start);
					expect(view.end(i)).toBe(entries[i].end);
					expect(view.lineNumber(i)).toBe(entries[i].line);
				}
			}
		}), {numRuns: 300});
	});

	test('offsets beyond 4 GB when wide', () => {
		const index = new EntryIndex(false, true);
		const big = 2 ** 33;
		index.push(big, big + 10, 1);
		index.push(big + 11, big + 20, 2);
		index.push(big + 30, big + 31, 4);
		expect([index.start(1), index.end(1), index.start(2), index.end(2), index.lineNumber(2)]).toEqual([big + 11, big + 20, big + 30, big + 31, 4]);
	});
});

/** Ids of the forms the table stores differently, mostly of one form at a time as files have them. */
const idRuns = fc.array(fc.tuple(fc.constantFrom('uuid', 'hash', 'raw', 'UUID', 'number'), fc.integer({min: 1, max: 40})), {minLength: 1, maxLength: 6})
	.chain(runs => fc.tuple(fc.constant(runs), fc.array(fc.nat(), {maxLength: 40})))
	.map(([runs, repeats]) => {
		const ids: string[] = [];
		for (const [form, length] of runs) {
			for (let k = 0; k < length; k++) {
				const id = form === 'uuid' ? randomUUID() : form === 'UUID' ? randomUUID().toUpperCase() : form === 'hash' ? hashId(Buffer.from(`${ids.length}`)) : form === 'number' ? String(ids.length) : `sample-${ids.length}`;
				ids.push(id);
			}
		}

		// Some ids come again, anywhere later.
		for (const r of repeats) {
			const at = r % (ids.length + 1);
			ids.splice(at, 0, ids[r % Math.max(1, at)] ?? ids[0]);
		}

		return ids;
	});

describe('IdTable', () => {
	test('ids added later (looked up in batches) and added one by one agree, and a view taken at any point finds what it holds', () => {
		fc.assert(fc.property(idRuns, fc.nat(), (ids, cut) => {
			const now = new IdTable();
			const later = new IdTable(true);
			const repeatsLater: number[] = [];
			later.onRepeat = first => repeatsLater.push(first);
			const repeatsNow: number[] = [];
			const viewAt = cut % ids.length;
			let view: {table: IdTable; count: number} | undefined;
			const first = new Map<string, number>();
			for (const [i, id] of ids.entries()) {
				const earlier = now.addString(id);
				expect(earlier).toBe(first.get(id) ?? -1);
				if (earlier !== -1) repeatsNow.push(earlier);
				if (!first.has(id)) first.set(id, i);
				const bytes = Buffer.from(`{"id":"${id}"}`);
				if (!later.addUuidLater(bytes, 7)) later.addLater(bytes, 7, bytes.length - 2);
				if (i === viewAt) {
					later.settle();
					const table = new IdTable();
					table.adopt(later.buffers(), later.count);
					view = {table, count: later.count};
				}
			}

			later.settle();
			expect(repeatsLater).toEqual(repeatsNow);
			expect(later.count).toBe(ids.length);
			expect(later.bytes).toBe(now.bytes);
			for (const [i, id] of ids.entries()) {
				expect(later.idOf(i)).toBe(id);
				expect(later.find(id)).toBe(first.get(id));
				expect(later.hashAt(i)).toBe(later.hashOf(id));
			}

			// The view: ids it holds are found; later ones are not, though its table may hold them.
			for (const [i, id] of ids.entries()) {
				const firstIndex = first.get(id)!;
				expect(view!.table.find(id)).toBe(firstIndex < view!.count ? firstIndex : -1);
				if (i < view!.count) expect(view!.table.idOf(i)).toBe(id);
			}
		}), {numRuns: 200});
	});

	test('addUuid takes lowercase UUIDs only, and adds nothing otherwise', () => {
		const table = new IdTable();
		const uuid = randomUUID();
		for (const wrong of [uuid.toUpperCase(), uuid.replaceAll('-', '_'), `${uuid.slice(0, 35)}g`, `"${uuid.slice(1)}`]) {
			expect(table.addUuid(Buffer.from(wrong), 0)).toBe(-2);
		}

		expect(table.count).toBe(0);
		expect(table.addUuid(Buffer.from(uuid), 0)).toBe(-1);
		expect(table.addUuid(Buffer.from(uuid), 0)).toBe(0);
		expect(table.idOf(1)).toBe(uuid);
	});

	test('grows from a reservation too small, in one form and then another', () => {
		const table = new IdTable(true);
		table.reserve(100, 1600);
		const ids = Array.from({length: 30_000}, (_, i) => (i < 20_000 ? randomUUID() : `other-${i}`));
		for (const id of ids) table.addStringLater(id);
		table.settle();
		for (let i = 0; i < ids.length; i += 101) {
			expect(table.find(ids[i])).toBe(i);
			expect(table.idOf(i)).toBe(ids[i]);
		}
	});
});

describe('IndexBuilder', () => {
	test('ids of lines that start with the id (read without locateValue) and of other lines are sampleId()\'s', () => {
		const uuid = randomUUID();
		const lines = [
			`{"id":"${uuid}","text":"x"}`,
			`{"id":"${uuid}"}`,
			`{"id":"${uuid.toUpperCase()}","text":"x"}`,
			`{"id": "${uuid}","text":"x"}`,
			`{"id":"${uuid}x","text":"x"}`,
			`{"id":"${uuid.slice(0, 30)}\\"abcd","text":"x"}`,
			`{"id":"${uuid.slice(0, 35)}\\","text":"x"}`,
			`{"idx":"${uuid}","id":"other"}`,
			`{"uuid":"${uuid}","text":"x"}`,
			`{"text":"x","id":"${uuid}"}`,
			`{"id":"${uuid}"`,
			`{"id":"${uuid}`,
			`{"id":17,"text":"x"}`,
			`{"text":"no id"}`,
			`["id","${uuid}"]`,
		];
		for (const idField of ['id', 'uuid']) {
			const builder = new IndexBuilder(idField);
			const repeated: string[] = [];
			const expected = new Map<string, number>();
			let position = 0;
			for (const [i, line] of lines.entries()) {
				const bytes = Buffer.from(`\n${line}\n`);
				builder.sink(bytes, 1, bytes.length - 1, position, i + 1);
				position += bytes.length;
				const id = sampleId(Buffer.from(line), idField);
				expected.set(id, (expected.get(id) ?? 0) + 1);
			}

			repeated.push(...builder.takeRepeated());
			for (const [i, line] of lines.entries()) expect(builder.ids.idOf(i)).toBe(sampleId(Buffer.from(line), idField));
			const extra = [...expected].filter(([, n]) => n > 1).flatMap(([id, n]) => Array.from({length: n - 1}, () => id));
			expect(repeated.sort()).toEqual(extra.sort());
		}
	});
});
