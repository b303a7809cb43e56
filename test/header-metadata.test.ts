// The header's compact metadata line: no null fields, the sample's own flags first.
import {describe, expect, it} from 'vitest';
import {compactMetadata, isFlagName} from '../source/ui/Header.js';

describe('header metadata', () => {
	it('leaves null fields out and puts a true flag first', () => {
		const sample = {id: 'a', model: 'gpt', source: null, lang: 'en', toxic: true, redacted: false, note: 'null'};
		const metadata = Object.entries(sample).map(([key, value]) => ({key, value: typeof value === 'string' ? value : JSON.stringify(value)}));
		expect(compactMetadata(metadata, sample, 'id')).toBe('toxic=true · model=gpt · lang=en · redacted=false · note=null');
	});

	it('knows flag-ish names', () => {
		expect(['toxic', 'flagged', 'is_unsafe', 'response_harmful', 'NSFW'].every(name => isFlagName(name))).toBe(true);
		expect(['model', 'turn', 'flags_count'].some(name => isFlagName(name))).toBe(false);
	});
});
