// The ids cache (source/dataset/ids-cache.ts): the hash ids the review's indexing worked out, read
// back on the next opening of the same file, and the same ids either way.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sampleId} from '../source/dataset/identity.js';
import {decodeIds, IdsRecorder} from '../source/dataset/ids-cache.js';
import {IndexBuilder} from '../source/dataset/index-builder.js';

const key = '{"test":1}';

/** Indexes the lines as the indexing worker does, with a cache to read or a recorder; the ids it gave. */
function index(lines: string[], options: {recorder?: IdsRecorder; cached?: ReturnType<typeof decodeIds>} = {}): string[] {
	const builder = new IndexBuilder('id');
	builder.recorder = options.recorder;
	builder.cachedIds = options.cached;
	let position = 0;
	for (const [i, line] of lines.entries()) {
		const bytes = Buffer.from(`${line}\n`);
		builder.sink(bytes, 0, bytes.length - 1, position, i + 1);
		position += bytes.length;
	}

	builder.takeRepeated();
	return lines.map((_, i) => builder.ids.idOf(i));
}

/** A cache file's bytes as written, in an ArrayBuffer of their own (as a cache file is read). */
function encoded(recorder: IdsRecorder): Uint8Array {
	const bytes = Buffer.concat(recorder.encode(key));
	const own = new Uint8Array(bytes.length);
	own.set(bytes);
	return own;
}

const line = fc.oneof(fc.string().map(text => JSON.stringify({text})), fc.nat().map(id => JSON.stringify({id, text: 'x'})), fc.constant('{"id": true}'), fc.constant('not json'));

describe('the ids cache', () => {
	it('gives the ids sampleId gives, read back from the cache or worked out', () => {
		fc.assert(fc.property(fc.array(line, {maxLength: 40}), lines => {
			const expected = lines.map(text => sampleId(Buffer.from(text), 'id'));
			const recorder = new IdsRecorder();
			expect(index(lines, {recorder})).toEqual(expected);
			const cached = decodeIds(encoded(recorder), key)!;
			expect(cached).toBeDefined();
			expect(index(lines, {cached})).toEqual(expected);
			expect(cached.matched).toBe(true);
			expect(decodeIds(encoded(recorder), '{"test":2}')).toBeUndefined();
		}), {numRuns: 300});
	});

	it('reads the hash ids from the cache, and works them out again from the first entry whose length is not the cached one', () => {
		const lines = Array.from({length: 20}, (_, i) => JSON.stringify({text: `line ${i}`}));
		const recorder = new IdsRecorder();
		const ids = index(lines, {recorder});
		// A cache whose hash ids were altered gives them back: it is what is read.
		const bytes = encoded(recorder);
		// The hash ids are the file's last bytes, 21 each.
		const first = bytes.length - (20 * 21);
		bytes[first + 5] = 'f'.charCodeAt(0) === bytes[first + 5] ? 'e'.charCodeAt(0) : 'f'.charCodeAt(0);
		const altered = index(lines, {cached: decodeIds(bytes, key)});
		expect(altered[0]).not.toBe(ids[0]);
		expect(altered.slice(1)).toEqual(ids.slice(1));
		// Line 10 is longer than the cache says: from there on, each hash is worked out.
		const changed = lines.map((text, i) => (i === 10 ? JSON.stringify({text: 'line 10, longer'}) : text));
		const cached = decodeIds(bytes, key)!;
		const read = index(changed, {cached});
		expect(read.slice(10)).toEqual(changed.slice(10).map(text => sampleId(Buffer.from(text), 'id')));
		expect(cached.stale).toBe(true);
		expect(cached.matched).toBe(false);
		// An entry the cache says has an id of its own needs a hash id: not the file cached, its id worked out.
		const withId = ['{"id":1}', '{"text":"a"}'];
		const withIdRecorder = new IdsRecorder();
		index(withId, {recorder: withIdRecorder});
		const swapped = ['{"id":2}', '{"text":"b"}'].map(text => text.padEnd(14, ' '));
		const paddedRecorder = new IdsRecorder();
		index(withId.map(text => text.padEnd(14, ' ')), {recorder: paddedRecorder});
		const swappedCache = decodeIds(encoded(paddedRecorder), key)!;
		expect(index([swapped[1], swapped[0]], {cached: swappedCache})).toEqual([swapped[1], swapped[0]].map(text => sampleId(Buffer.from(text), 'id')));
		expect(swappedCache.stale).toBe(true);
		// Fewer entries than cached: not matched (the worker then removes the cache).
		const shorter = decodeIds(encoded(recorder), key)!;
		index(lines.slice(0, 19), {cached: shorter});
		expect(shorter.matched).toBe(false);
	});

	it('refuses a cache file that is cut short or longer than its counts say', () => {
		const recorder = new IdsRecorder();
		index(['{"a":1}', '{"b":2}'], {recorder});
		const bytes = encoded(recorder);
		expect(decodeIds(bytes, key)).toBeDefined();
		expect(decodeIds(bytes.slice(0, bytes.length - 1), key)).toBeUndefined();
		const longer = new Uint8Array(bytes.length + 1);
		longer.set(bytes);
		expect(decodeIds(longer, key)).toBeUndefined();
	});
});
