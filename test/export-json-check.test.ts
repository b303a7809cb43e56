import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {decodeEntry} from '../source/dataset/parse-entry.js';
import {isJsonObject} from '../source/dataset/json-check.js';
import {isWellFormed} from '../source/dataset/well-formed.js';

/** The reference: what the review screen calls a usable sample (decodeEntry, i.e. JSON.parse). */
const reference = (bytes: Buffer) => decodeEntry(bytes).error === undefined;

function agree(text: string | Buffer) {
	const bytes = typeof text === 'string' ? Buffer.from(text) : text;
	// Compared first, expect only to report a difference: an expect per call was most of this file's time.
	const said = isWellFormed(bytes);
	if (said !== reference(bytes)) expect(said, JSON.stringify(bytes.toString('latin1'))).toBe(reference(bytes));
}

describe('isWellFormed (the byte-level JSON check export and stats use on every line)', () => {
	it('agrees with JSON.parse on edge cases', () => {
		const cases = [
			'{}', ' { } ', '{"a":1}', '{"a":[]}', '{"a":[1,2,{"b":null}]}', '{"a":{}}', '\t{"a" : true }\r', '{"a":false}',
			'[]', '"s"', '1', 'null', '', ' ', '{', '}', '{"a"}', '{"a":}', '{"a":1,}', '{,"a":1}', '{"a":1 "b":2}', '{"a":[1,]}', '{"a":[,1]}',
			'{} {}', '{}x', '{}]', '{"a":1}}', '{"a":[1}', '{"a":{]}', '{a:1}', "{'a':1}", '{"a":tru}', '{"a":truex}', '{"a":nul}', '{"a":True}',
			'{"n":0}', '{"n":-0}', '{"n":01}', '{"n":1.}', '{"n":.5}', '{"n":-}', '{"n":1e}', '{"n":1e+}', '{"n":1E5}', '{"n":1e-05}', '{"n":-1.5e+10}',
			'{"n":+1}', '{"n":0x10}', '{"n":NaN}', '{"n":Infinity}', '{"n":1_000}', '{"n":123456789012345678901234567890}',
			String.raw`{"s":"\u00e9\ud83d\ude80\ud800"}`, String.raw`{"s":"\u12"}`, String.raw`{"s":"\u12G4"}`, String.raw`{"s":"\x41"}`, String.raw`{"s":"\'"}`,
			String.raw`{"s":"\/\b\f\n\r\t\"\\"}`, String.raw`{"s":"\"}`, String.raw`{"s":"\\"}`, String.raw`{"s":"a\\\"b"}`, '{"s":"raw\ttab"}', '{"s":"raw\u0001"}',
			'{"s":"del\u007F ok"}', '{"s":"\u2028\u2029 ok"}', '{"s":"naïve 日本 🚀"}', '{"s":"unterminated}', '{"\u00e9":1}',
			'\u00A0{}', '{\u00A0"a":1}', '\uFEFF{}', '{"a":1}\u0000', '{"a":"x"} ', '{"a":"xyz\\u0041"}',
			'{"a":"1234"}', '{"a":"12345"}', '{"a":"123"}', '{"ab":"c\\"d"}', // strings around the four-byte step
		];
		for (const text of cases) agree(text);
	});

	it('agrees on bytes that are not UTF-8', () => {
		for (const bytes of [[0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d], [0x7b, 0x22, 0xc3, 0x22, 0x3a, 0x31, 0x7d], [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d], [0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]]) {
			agree(Buffer.from(bytes));
		}
	});

	it('handles deep nesting without recursion', () => {
		agree(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
		agree(`{"a":${'['.repeat(100_000)}${']'.repeat(99_999)}}`);
		expect(isJsonObject(Buffer.from(`{"a":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}`))).toBe(true);
	});

	it('agrees with JSON.parse on generated JSON objects', () => {
		fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(0, 1, 2), (value, indent) => {
			agree(JSON.stringify(value, null, indent));
		}), {numRuns: 2000});
	});

	it('agrees with JSON.parse on mutated JSON (a character removed, inserted or replaced)', () => {
		const tricky = fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', '\n', '\u0001', 'u', 'e', '-', '.', '0', 'a', 't', 'n', 'é', '\u2028');
		fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue(), {minKeys: 1}), fc.nat(), tricky, fc.constantFrom('remove', 'insert', 'replace'), (value, at, character, how) => {
			const text = JSON.stringify(value);
			const i = at % text.length;
			const mutated = how === 'remove' ? text.slice(0, i) + text.slice(i + 1) : how === 'insert' ? text.slice(0, i) + character + text.slice(i) : text.slice(0, i) + character + text.slice(i + 1);
			agree(mutated);
		}), {numRuns: 5000});
	});

	it('agrees with JSON.parse on arbitrary bytes', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 40}), bytes => {
			agree(Buffer.from(bytes));
			agree(Buffer.concat([Buffer.from('{"a":"'), Buffer.from(bytes), Buffer.from('"}')]));
		}), {numRuns: 3000});
	});
});
