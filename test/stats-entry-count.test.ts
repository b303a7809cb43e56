// A malformed entry is counted and numbered like a sample on the review screen (1/9) and skipped by export:
// stats' heading and export's summary say how many of the entries are samples, alike.
import {describe, expect, it} from 'vitest';
import {entryCount, renderStats} from '../source/report/render.js';
import {computeStats} from '../source/report/stats.js';

const source = {dataset: 'broken.jsonl', decisionsFile: 'broken.decisions.json', decisionsFileExists: false};
const heading = (malformed: boolean[], layout = 'jsonl') => renderStats(
	computeStats(malformed.map((bad, index) => ({id: `s${index}`, lineNumber: index + 1, malformed: bad})), []),
	{unicode: true, color: false, width: 100, layout, source},
).split('\n')[0];

describe('how many entries, and how many of them are samples', () => {
	it('8 good lines and a malformed one: 9 entries, 8 samples, 1 malformed', () => {
		const stats = computeStats([...Array.from({length: 8}, (_, index) => ({id: `s${index}`, lineNumber: index + 1})), {id: 'x', lineNumber: 9, malformed: true}], []);
		expect(stats.samples).toMatchObject({total: 9, wellFormed: 8});
		expect(heading([false, false, false, false, false, true, false, false, false])).toBe('broken.jsonl  9 entries (8 samples, 1 malformed) · 0.0% decided · policy majority');
	});

	it('an array of numbers holds no samples', () => {
		expect(heading([true, true, true], 'array')).toBe('broken.jsonl  3 entries (0 samples, 3 malformed) · 0.0% decided · policy majority');
	});

	it('with none malformed, samples as before; singular and plural', () => {
		expect(heading([false, false])).toBe('broken.jsonl  2 samples · 0.0% decided · policy majority');
		expect(entryCount(1, 0)).toBe('1 sample');
		expect(entryCount(1, 1)).toBe('1 entry (0 samples, 1 malformed)');
		expect(entryCount(2, 1)).toBe('2 entries (1 sample, 1 malformed)');
		expect(entryCount(1_000_000, 3, 'JSON array elements')).toBe('1,000,000 JSON array elements (999,997 samples, 3 malformed)');
	});
});
