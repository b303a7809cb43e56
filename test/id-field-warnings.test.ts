// --id-field mistakes and id values no id can be made of: said, never silently hashed.
import {describe, expect, it} from 'vitest';
import {IdFieldCheck} from '../source/dataset/id-field-check.js';
import {sampleId, hashPrefix} from '../source/dataset/identity.js';

function check(lines: string[], idField: string): string[] {
	const idCheck = new IdFieldCheck(idField, idField !== 'id');
	for (const [index, line] of lines.entries()) {
		const bytes = Buffer.from(line);
		idCheck.see(sampleId(bytes, idField).startsWith(hashPrefix), false, bytes, index + 1);
	}

	return idCheck.warnings('ids.jsonl');
}

describe('id field warnings', () => {
	it('counts ids of true, null, {} and "" and names the first line', () => {
		const lines = ['{"id": 1}', '{"id": true}', '{"x": "no id"}', '{"id": null}', '{"id": {"x": 1}}', '{"id": ""}', '{"text": "\\"id\\": 1"}'];
		expect(check(lines, 'id')).toEqual(['4 samples in ids.jsonl have an "id" that is not a non-empty string or a number (first: line 2, true), so they are identified by the hash of their bytes.']);
		expect(check(['{"id": 1}', '{"id": "a"}'], 'id')).toEqual([]);
	});

	it('says a dotted --id-field is one top-level key, not a path', () => {
		expect(check(['{"question": {"id": 1}}'], 'question.id')).toEqual(['no sample in ids.jsonl has the field "question.id" (--id-field takes a top-level key, not a path into a nested object), so every sample is identified by the hash of its bytes; check the field\'s name (the default is id).']);
		expect(check(['{"q": 1}'], 'nosuch')[0]).toMatch(/^no sample in ids.jsonl has the field "nosuch" \(--id-field\), so/);
	});
});

describe('IdFieldCheck.seeEntry', () => {
	/** An entry of the scan whose bytes count how often they are asked for (each time a new view, in the scan). */
	function entry(line: string, isHashId: boolean, lineNumber: number) {
		const counted = {asked: 0, isHashId, lineNumber, get bytes() {
			counted.asked++;
			return Buffer.from(line);
		}};
		return counted;
	}

	it('asks for an entry\'s bytes only when it looks at them: never for an id of its own, nor once the file is known to lack the field', () => {
		const idCheck = new IdFieldCheck('id', false);
		const withIds = Array.from({length: 10}, (_, i) => entry(`{"id": ${i}}`, false, i + 1));
		for (const one of withIds) idCheck.seeEntry(one, false);
		expect(withIds.map(one => one.asked)).toEqual(withIds.map(() => 0));
		// Hashed entries are looked at (an id of true is counted) until the file is taken to have no such field.
		const noField = new IdFieldCheck('id', false);
		const hashed = Array.from({length: 1500}, (_, i) => entry(`{"text": "${i}"}`, true, i + 1));
		for (const one of hashed) noField.seeEntry(one, false);
		expect(hashed.slice(0, 1000).every(one => one.asked === 1)).toBe(true);
		expect(hashed.slice(1001).every(one => one.asked === 0)).toBe(true);
		const unusable = new IdFieldCheck('id', false);
		unusable.seeEntry(entry('{"id": true}', true, 7), false);
		expect(unusable.warnings('ids.jsonl')[0]).toMatch(/first: line 7, true/);
	});
});
