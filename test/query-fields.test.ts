// Field names and paths as the query language, stats --by and the signal engine's groups share
// them: names in any script, quoted names, list indices.
import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, SignalEngine} from '../source/dataset/signals/index.js';
import {complete, fieldPathOf, seenValues} from '../source/query/index.js';
import {FieldCheck} from '../source/query/field-check.js';
import {parseQuery} from '../source/query/index.js';

function groupsBy(by: string, samples: unknown[]): Record<string, number> {
	const engine = new SignalEngine({config: defaultSignalConfig, by});
	for (const sample of samples) engine.add(sample);
	const {groups} = engine.finish(index => samples[index]);
	const counts: Record<string, number> = {};
	for (const group of groups!.of) counts[groups!.names[group]] = (counts[groups!.names[group]] ?? 0) + 1;
	return counts;
}

describe('--by reads a field as a query names it', () => {
	it('spells a path as the query does: any script, quoted parts, $. for a keyword', () => {
		expect(fieldPathOf('model')).toEqual(['model']);
		expect(fieldPathOf('méta.langue')).toEqual(['méta', 'langue']);
		expect(fieldPathOf('"harm.Economic Crime"')).toEqual(['harm', 'Economic Crime']);
		expect(fieldPathOf('harm."Economic Crime"')).toEqual(['harm', 'Economic Crime']);
		expect(fieldPathOf('$.status')).toEqual(['status']);
		expect(fieldPathOf('a..b')).toBeUndefined();
		expect(fieldPathOf('two words')).toBeUndefined();
		expect(fieldPathOf('')).toBeUndefined();
	});

	it('follows list indices and quoted names as --where does', () => {
		const samples = [
			{text: 'a', openai_moderation: [{flagged: true}], harm: {'Economic Crime': true}},
			{text: 'b', openai_moderation: [{flagged: false}], harm: {'Economic Crime': false}},
			{text: 'c', openai_moderation: [{flagged: false}], harm: {'Economic Crime': false}},
		];
		expect(groupsBy('openai_moderation.0.flagged', samples)).toEqual({true: 1, false: 2});
		expect(groupsBy('"harm.Economic Crime"', samples)).toEqual({true: 1, false: 2});
		expect(groupsBy('méta.langue', [{méta: {langue: 'fr'}}, {méta: {langue: 'de'}}, {}])).toEqual({fr: 1, de: 1, '(none)': 1});
	});
});

describe('the field check names fields as a query spells them', () => {
	it('reports a Unicode or quoted field no sample has, and lists the samples\' fields in query spelling', () => {
		const check = FieldCheck.of(parseQuery('méta.langue:fr "x z":1'));
		const sample = {语言: '中文', 'x y': 1};
		check.see(Buffer.from(JSON.stringify(sample)), () => sample);
		expect(check.problem('data.jsonl')).toBe('no sample in data.jsonl has a field "méta.langue" or "x z" (did you mean "x y"?); the samples have 语言, "x y"');
		const found = FieldCheck.of(parseQuery('语言:中文'));
		found.see(Buffer.from(JSON.stringify(sample)), () => sample);
		expect(found.problem('data.jsonl')).toBeUndefined();
	});
});

describe('completing values', () => {
	it('offers the values a field has in the samples, as `:` compares them, bounded', () => {
		const samples = [{model: 'gpt-4o', meta: {lang: 'fr', 'x y': true}}, {model: 'gpt-3.5', meta: {lang: 'de'}}, {model: 'claude', temperature: 1}, {model: 'x'.repeat(200)}];
		expect(seenValues(samples, 'model')).toEqual(['gpt-4o', 'gpt-3.5', 'claude']);
		expect(seenValues(samples, 'meta."x y"')).toEqual(['true']);
		expect(seenValues(samples, 'model', 2)).toHaveLength(2);
		expect(complete('model:g', {values: name => seenValues(samples, name)}).candidates).toEqual(['model:gpt-3.5', 'model:gpt-4o']);
		expect(complete('meta.lang:', {values: name => seenValues(samples, name)}).candidates).toEqual(['meta.lang:de', 'meta.lang:fr']);
		expect(complete('model:\'cl', {values: name => seenValues(samples, name)}).candidates).toEqual(['model:claude']);
	});
});

describe('--by an empty string', () => {
	it('names the group "" rather than a blank row', () => {
		expect(groupsBy('lang', [{lang: ''}, {lang: 'en'}, {lang: ''}])).toEqual({'""': 2, en: 1});
	});
});
