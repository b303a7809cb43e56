import {afterEach, describe, expect, it, vi} from 'vitest';
import {hashId, locateValue, located, needleFor, sampleId, topLevelValue, ValueKind, writeHashId} from '../source/dataset/identity.js';

const id = (line: string, field = 'id') => sampleId(Buffer.from(line), field);

describe('sampleId', () => {
	it('uses a top-level string or number id', () => {
		expect(id('{"id":"s-1","text":"x"}')).toBe('s-1');
		expect(id('{"text":"x", "id" : 42}')).toBe('42');
		expect(id('{"uuid":"u","id":"i"}', 'uuid')).toBe('u');
	});

	it('ignores an id nested inside the sample (tool calls carry ids)', () => {
		const line = '{"messages":[{"role":"assistant","tool_calls":[{"id":"call_1"}]}],"text":"id"}';
		expect(id(line)).toBe(hashId(Buffer.from(line)));
		expect(id('{"messages":[{"id":"inner"}],"id":"outer"}')).toBe('outer');
	});

	it('is not fooled by "id" inside strings or escaped quotes', () => {
		expect(id('{"text":"say \\"id\\": 1","id":"real"}')).toBe('real');
		expect(id('{"note":"id","other":1}')).toMatch(/^sha1:/);
		expect(id('{"note":"id","id":"after"}')).toBe('after');
	});

	it('decodes escaped ids and falls back to the hash for empty, null or object ids', () => {
		expect(id('{"id":"caf\\u00e9"}')).toBe('café');
		for (const line of ['{"id":""}', '{"id":null}', '{"id":{"a":1}}']) expect(id(line)).toBe(hashId(Buffer.from(line)));
	});

	it('hashes the exact bytes: identical lines share an id, different lines do not', () => {
		expect(id('{"text":"a"}')).toBe(id('{"text":"a"}'));
		expect(id('{"text":"a"}')).not.toBe(id('{"text": "a"}'));
	});

	it('finds values of other keys too', () => {
		expect(topLevelValue(Buffer.from('{"a":{"b":1},"b":"top"}'), 'b')).toBe('top');
	});
});

/**
 * Counts the bytes Buffer.indexOf looks at (up to the match, or to the end of the buffer it was
 * called on when there is none) while `run` runs: the work of the searches, without a clock.
 */
function bytesSearched(run: () => void): number {
	const original = Buffer.prototype.indexOf;
	let searched = 0;
	vi.spyOn(Buffer.prototype, 'indexOf').mockImplementation(function (this: Buffer, value: string | number | Uint8Array, byteOffset?: number | BufferEncoding, encoding?: BufferEncoding) {
		const found = original.call(this, value, byteOffset as number, encoding);
		const start = typeof byteOffset === 'number' ? Math.max(0, byteOffset) : 0;
		searched += found === -1 ? this.length - start : found - start + 1;
		return found;
	});
	try {
		run();
	} finally {
		vi.restoreAllMocks();
	}

	return searched;
}

/** Lines joined in one buffer, as a read chunk holds them, with each line's [from, to). */
function chunkOf(lines: string[]): {buffer: Buffer; spans: Array<[number, number]>} {
	const buffer = Buffer.from(lines.join('\n') + '\n');
	const spans: Array<[number, number]> = [];
	let from = 0;
	for (const line of lines) {
		const to = from + Buffer.byteLength(line);
		spans.push([from, to]);
		from = to + 1;
	}

	return {buffer, spans};
}

describe('locateValue in a chunk of many lines', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	const count = 2000;
	const withoutIds = Array.from({length: count}, (_, i) => `{"text":"hello ${i}","n":${i}}`);
	const withIds = Array.from({length: count}, (_, i) => `{"text":"hello ${i}","id":"s-${i}"}`);

	it('finds nothing past the line\'s end: the next line\'s id is not this line\'s', () => {
		const {buffer, spans} = chunkOf(['{"text":"a"}', '{"id":"next"}']);
		expect(locateValue(buffer, spans[0][0], spans[0][1], needleFor('id'))).toBe(ValueKind.None);
		expect(locateValue(buffer, spans[1][0], spans[1][1], needleFor('id'))).toBe(ValueKind.Plain);
		expect(buffer.toString('latin1', located.start, located.end)).toBe('next');
	});

	it('does not read the value of a key cut off at the line\'s end', () => {
		const {buffer, spans} = chunkOf(['{"a":1,"id":"cut', '"}', '{"x":"\\"', '"id":"y"}']);
		for (const [from, to] of spans.slice(0, 3)) expect(locateValue(buffer, from, to, needleFor('id'))).toBe(ValueKind.None);
	});

	// Without an end bound, each line without the key searched the rest of the chunk: 30,000 such
	// lines took 25 s. The work is counted here, not timed.
	it('searches each line without the key only within that line', () => {
		const {buffer, spans} = chunkOf(withoutIds);
		const needle = needleFor('id');
		const searched = bytesSearched(() => {
			for (const [from, to] of spans) expect(locateValue(buffer, from, to, needle)).toBe(ValueKind.None);
		});
		expect(searched).toBeLessThanOrEqual(2 * buffer.length);
	});

	it('does about the same work on lines with and without ids', () => {
		const needle = needleFor('id');
		const work = (lines: string[]) => {
			const {buffer, spans} = chunkOf(lines);
			return bytesSearched(() => {
				for (const [from, to] of spans) locateValue(buffer, from, to, needle);
			}) / buffer.length;
		};

		expect(work(withoutIds)).toBeLessThanOrEqual(2 * Math.max(1, work(withIds)));
	});
});

describe('writeHashId', () => {
	it('writes hashId\'s text as bytes, wherever it is asked to, for bytes of every value', () => {
		const lines = ['{}', '{"text":"hello"}', '{"text":"caf\u00e9 é 日本"}', String.fromCharCode(...Array.from({length: 256}, (_, i) => i)), 'x'.repeat(100_000)];
		for (let seed = 0; seed < 200; seed++) lines.push(Array.from({length: seed * 7}, (_, i) => String.fromCharCode((i * 31 + seed * 17) % 256)).join(''));
		const out = new Uint8Array(3 + 21 + 2);
		for (const line of lines) {
			const bytes = Buffer.from(line, 'latin1');
			out.fill(0xff);
			writeHashId(bytes, out, 3);
			expect(Buffer.from(out.subarray(3, 24)).toString('latin1')).toBe(hashId(bytes));
			expect([out[2], out[24], out[25]]).toEqual([0xff, 0xff, 0xff]);
		}
	});
});
