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
