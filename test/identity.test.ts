import {describe, expect, it} from 'vitest';
import {hashId, sampleId, topLevelValue} from '../source/dataset/identity.js';

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
