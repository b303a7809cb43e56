// A file that is one JSON array names its malformed entries as elements (from 0, as the review
// screen's header does), not as lines: a one-line array has them all on line 1.
import {describe, expect, it} from 'vitest';
import {renderStats} from '../source/report/render.js';
import {computeStats} from '../source/report/stats.js';

const stats = computeStats([{id: 'a', lineNumber: 1}, {id: 'b', lineNumber: 1, malformed: true}, {id: 'c', lineNumber: 1, malformed: true}, {id: 'd', lineNumber: 1}], []);

describe('malformed entries of a JSON array', () => {
	it('are listed as elements', () => {
		expect(stats.malformed.elements).toEqual([1, 2]);
		const verbose = renderStats(stats, {unicode: true, color: false, width: 100, verbose: true, layout: 'array'});
		expect(verbose).toContain('malformed elements: 2 (elements 1, 2, counted from 0)');
		expect(verbose).not.toContain('lines 1, 1');
		expect(renderStats(stats, {unicode: true, color: false, width: 100, layout: 'array'})).toContain('malformed elements: 2 (not JSON objects; export skips them; --verbose lists their element numbers)');
		expect(renderStats(stats, {unicode: true, color: false, width: 100, verbose: true, layout: 'jsonl'})).toContain('malformed lines: 2 (lines 1, 1)');
	});
});
