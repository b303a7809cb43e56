import {randomUUID} from 'node:crypto';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {IdTable} from '../source/dataset/id-table.js';
import {hashId} from '../source/dataset/identity.js';

/** Ids of every shape the table stores differently, and near misses of the packed shapes. */
const anyId = fc.oneof(
	fc.string({minLength: 1, maxLength: 40}),
	fc.string({unit: 'binary', minLength: 1, maxLength: 10}),
	fc.uuid(),
	fc.uuid().map(uuid => uuid.toUpperCase()),
	fc.uuid().map(uuid => `${uuid.slice(0, 35)}g`),
	fc.uuid().map(uuid => uuid.replaceAll('-', '_')),
	fc.string().map(text => hashId(Buffer.from(text))),
	fc.string().map(text => hashId(Buffer.from(text)).toUpperCase()),
	fc.string().map(text => `sha2:${hashId(Buffer.from(text)).slice(5)}`),
	fc.integer().map(String),
);

describe('IdTable', () => {
	test('gives back every id as added, and finds the first sample of each, for ids of any shape', () => {
		fc.assert(fc.property(fc.array(anyId, {minLength: 1, maxLength: 60}), fc.array(fc.nat(), {maxLength: 30}), (ids, repeats) => {
			// Some ids come again later: duplicates point at their first sample.
			const all = [...ids, ...repeats.map(r => ids[r % ids.length])];
			const table = new IdTable();
			const first = new Map<string, number>();
			for (const [i, id] of all.entries()) {
				const earlier = table.addString(id);
				expect(earlier).toBe(first.get(id) ?? -1);
				if (!first.has(id)) first.set(id, i);
			}

			expect(table.count).toBe(all.length);
			for (const [i, id] of all.entries()) {
				expect(table.idOf(i)).toBe(id);
				expect(table.find(id)).toBe(first.get(id));
				expect(table.hashAt(i)).toBe(table.hashOf(id));
			}

			expect(table.find('not-an-id-in-the-table')).toBe(first.get('not-an-id-in-the-table') ?? -1);
		}));
	});

	test('ids added from bytes and from strings are the same ids', () => {
		const table = new IdTable();
		const uuid = randomUUID();
		const line = Buffer.from(`{"id":"${uuid}"}`);
		expect(table.add(line, 7, 7 + 36)).toBe(-1);
		expect(table.addString(uuid)).toBe(0);
		expect(table.idOf(0)).toBe(uuid);
	});

	test('stores lowercase UUIDs and hash ids packed, other ids as they are', () => {
		const table = new IdTable();
		table.addString(randomUUID());
		expect(table.bytes).toBe(16);
		table.addString(hashId(Buffer.from('x')));
		expect(table.bytes).toBe(24);
		table.addString(randomUUID().toUpperCase());
		expect(table.bytes).toBe(60);
	});

	test('grows past its first sizes, with and without a reservation', () => {
		for (const reserve of [false, true]) {
			const table = new IdTable();
			if (reserve) table.reserve(5000, 5000 * 20);
			for (let i = 0; i < 20_000; i++) table.addString(`sample-${i}`);
			for (let i = 0; i < 20_000; i += 997) expect(table.find(`sample-${i}`)).toBe(i);
			expect(table.find('sample-20000')).toBe(-1);
		}
	});
});
