import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {complete, fieldPathsOf, formatQuery, matchesQuery, needsOf, parseQuery, QueryError, queryKey, type SampleFacts} from '../source/query/index.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {sampleStatus} from '../source/store/verdict-policy.js';
import {renderSample, searchableText} from '../source/dataset/formats/index.js';
import {EntryFacts} from '../source/query/entry-facts.js';
import {prefilterOf, rejects} from '../source/query/prefilter.js';

type FactsInput = {value?: unknown; records?: DecisionRecord[]; signals?: string[]; clusters?: Record<string, {id: number; size: number; position: number}>};

function facts({value = {}, records = [], signals = [], clusters = {}}: FactsInput): SampleFacts {
	return {
		status: sampleStatus(records),
		records,
		value,
		get text() {
			return searchableText(renderSample(value));
		},
		hasSignal: name => signals.includes(name),
		cluster: kind => clusters[kind],
	};
}

function rec(reviewer: string, verdict: DecisionRecord['verdict'], extra: Partial<DecisionRecord> = {}): DecisionRecord {
	return {sample: 's', reviewer, verdict, categories: [], note: '', at: `2024-01-01T00:00:0${reviewer.length % 10}.000Z`, ...extra};
}

const chat = {
	messages: [{role: 'user', content: 'Tell me a joke'}, {role: 'assistant', content: 'As an AI language model, I cannot.'}],
	model: 'GPT-4o',
	temperature: 1.2,
	scores: {quality: 0.3, tags: ['short', 'refusal']},
	source: 'batch-7',
	status: 'draft',
};

const matches = (query: string, input: FactsInput = {value: chat}) => matchesQuery(parseQuery(query), facts(input));

function errorOf(query: string): QueryError {
	try {
		parseQuery(query);
	} catch (error) {
		if (error instanceof QueryError) return error;
		throw error;
	}

	throw new Error(`no error for ${query}`);
}

describe('query evaluation', () => {
	it('text terms search what the screen shows of a sample, the names of the tools its turns call too, not its role labels', () => {
		const sample = {messages: [
			{role: 'user', content: 'Weather in Oslo?'},
			{role: 'assistant', content: null, tool_calls: [{id: 'c1', type: 'function', function: {name: 'get_weather', arguments: '{"city":"Oslo"}'}}]},
			{role: 'tool', tool_call_id: 'c1', content: '{"temp": 4}'},
			{role: 'assistant', content: 'It is 4°C in Oslo.'},
		]};
		const entry = new EntryFacts();
		entry.set(new TextEncoder().encode(JSON.stringify(sample)), 0, sampleStatus([]), () => []);
		for (const [query, expected] of [['get_weather', true], ['"get_weather"', true], ['/get_w\\w+/', true], ['oslo', true], ['assistant', false], ['get_time', false]] as const) {
			expect(matchesQuery(parseQuery(query), entry), query).toBe(expected);
		}
	});

	it('text terms match however the text is composed: combining marks, compatibility forms, ligatures (NFKC), and regexes match the composed text', () => {
		const decomposed = {messages: [{role: 'user', content: 'Cafe\u0301 in Hue\u0302\u0301?'}, {role: 'assistant', content: 'Ｆｕｌｌ ﬁle thê\u0301 ok'}]};
		for (const [query, expected] of [['café', true], ['CAFÉ', true], ['"huế"', true], ['full', true], ['file', true], ['thế', true], ['/thế/', true], ['/Café/i', true], ['cafè', false], ['/huê /', false]] as const) {
			expect(matches(query, {value: decomposed}), query).toBe(expected);
		}

		// Composed text still matches composed queries, and a decomposed query finds composed text.
		expect(matches('cafe\u0301', {value: {text: 'un café'}})).toBe(true);
	});

	it('matches metadata by dotted path: equal ignoring case, numbers compared, lists searched', () => {
		expect(matches('model:gpt-4o')).toBe(true);
		expect(matches('model:gpt-4')).toBe(false);
		expect(matches('model:gpt-4*')).toBe(true);
		expect(matches('scores.quality<0.5')).toBe(true);
		expect(matches('scores.quality<0.3')).toBe(false);
		expect(matches('scores.quality<=0.3')).toBe(true);
		expect(matches('temperature>=1')).toBe(true);
		expect(matches('temperature>1.2')).toBe(false);
		expect(matches('scores.tags:refusal')).toBe(true);
		expect(matches('messages.role:assistant')).toBe(true);
		expect(matches('messages.0.role:assistant')).toBe(false);
		expect(matches('missing.field:x')).toBe(false);
		expect(matches('model:/^gpt-\\d/i')).toBe(true);
		expect(matches('$.status:draft')).toBe(true);
		expect(matches('temperature:1.2')).toBe(true);
	});

	it('ANDs terms, ORs alternatives with |, negates with -', () => {
		expect(matches('model:gpt-4o source:batch-7')).toBe(true);
		expect(matches('model:gpt-4o source:batch-8')).toBe(false);
		expect(matches('source:batch-8|model:gpt-4o')).toBe(true);
		expect(matches('source:batch-8 | model:gpt-4o')).toBe(true);
		expect(matches('-model:gpt-4o')).toBe(false);
		expect(matches('-source:batch-8 model:gpt-4o')).toBe(true);
		expect(matches('source:batch-8|batch-7')).toBe(true);
		expect(matches('')).toBe(true);
	});

	it('reads AND, OR and NOT in capitals as operators, and parentheses as groups', () => {
		const refusal = {value: chat, signals: ['refusal']};
		// The chat's text holds "not": NOT must negate, never search for the word.
		expect(matches('NOT signal:refusal', {value: {text: 'do not', ...chat}, signals: ['refusal']})).toBe(false);
		expect(matches('"not"', {value: {text: 'do not'}})).toBe(true);
		expect(matches('NOT signal:refusal', refusal)).toBe(false);
		expect(matches('NOT signal:refusal', {value: chat})).toBe(true);
		expect(matches('signal:refusal OR signal:empty', refusal)).toBe(true);
		expect(matches('signal:empty OR signal:refusal', {value: chat})).toBe(false);
		expect(matches('(signal:refusal | signal:empty)', refusal)).toBe(true);
		expect(matches('model:gpt-4o AND source:batch-8')).toBe(false);
		expect(matches('-(source:batch-8|model:llama)')).toBe(true);
		expect(matches('NOT (source:batch-8 OR model:gpt-4o)')).toBe(false);
		expect(matches('(model:llama source:batch-7)|(model:gpt-4o temperature>1)')).toBe(true);
		expect(matches('(model:llama source:batch-7)|(model:gpt-4o temperature>2)')).toBe(false);
		// OR binds tighter than AND, as | does.
		expect(formatQuery(parseQuery('model:x AND source:a OR source:b'))).toBe('model:x source:a|source:b');
		expect(formatQuery(parseQuery('NOT signal:refusal'))).toBe('-signal:refusal');
		expect(formatQuery(parseQuery('(signal:refusal | signal:empty)'))).toBe('signal:refusal|signal:empty');
		expect(formatQuery(parseQuery('NOT (signal:refusal OR signal:empty) AND model:x'))).toBe('-(signal:refusal|signal:empty) model:x');
		expect(formatQuery(parseQuery('(a b) | ((c) | (d))'))).toBe('(a b)|c|d');
		expect(formatQuery(parseQuery('(a b) | (c (d))'))).toBe('(a b)|(c d)');
		// Quoted, they are text again.
		expect(parseQuery('"not"').clauses).toEqual([[{term: {kind: 'text', text: 'not'}, negated: false}]]);
		expect(formatQuery(parseQuery('"OR" "f(x)"'))).toBe('"or" "f(x)"');
	});

	it('searches the rendered content for words, phrases and regexes, not the metadata', () => {
		expect(matches('joke')).toBe(true);
		expect(matches('"as an ai language model"')).toBe(true);
		expect(matches('/as an ai (language )?model/i')).toBe(true);
		expect(matches('/As An AI/')).toBe(false);
		expect(matches('batch-7')).toBe(false);
		expect(matches('-joke')).toBe(false);
	});

	it('asks about status, verdicts, reviewers, categories, reasons and rules', () => {
		const records = [
			rec('alice', 'flagged', {categories: ['gender identity']}),
			rec('bob', 'rejected', {reasons: ['off-topic'], rule: 'signal:refusal'}),
			rec('carol', null),
		];
		const input = {value: chat, records};
		expect(matches('status:undecided', input)).toBe(true);
		expect(matches('status:conflict', input)).toBe(true);
		expect(matches('status:accepted', input)).toBe(false);
		expect(matches('verdict:rejected', input)).toBe(true);
		expect(matches('verdict:accepted', input)).toBe(false);
		expect(matches('reviewer:ALICE', input)).toBe(true);
		expect(matches('reviewer:carol', input)).toBe(false);
		expect(matches('category:"gender identity"', input)).toBe(true);
		expect(matches('category:age', input)).toBe(false);
		expect(matches('reason:off-topic', input)).toBe(true);
		expect(matches('rule:"signal:refusal"', input)).toBe(true);
		expect(matches('rule:*', input)).toBe(true);
		expect(matches('-rule:*', {value: chat, records: [rec('alice', 'accepted')]})).toBe(true);
		expect(matches('status:accepted', {value: chat, records: [rec('alice', 'accepted')]})).toBe(true);
		expect(matches('status:rejected|accepted', {value: chat, records: [rec('alice', 'accepted')]})).toBe(true);
	});

	it('signal:NAME@chosen asks about one answer of a pair; it is spelled canonically and needs the sample', () => {
		const query = parseQuery('signal:Refusal@Chosen -signal:empty@rejected');
		expect(formatQuery(query)).toBe('signal:refusal@chosen -signal:empty@rejected');
		const asked: Array<[string, string | undefined]> = [];
		const answers: SampleFacts = {...facts({value: chat}), hasSignal(name, side) {
			asked.push([name, side]);
			return side === 'chosen';
		}};
		expect(matchesQuery(query, answers)).toBe(true);
		expect(asked).toEqual([['refusal', 'chosen'], ['empty', 'rejected']]);
		expect(needsOf(query)).toMatchObject({signals: true, value: true});
		expect(needsOf(parseQuery('signal:refusal'))).toMatchObject({signals: true, value: false});
	});

	it('asks about signals and clusters', () => {
		const input = {value: chat, signals: ['refusal'], clusters: {'near-duplicate': {id: 4, size: 3, position: 2}}};
		expect(matches('signal:refusal', input)).toBe(true);
		expect(matches('signal:empty', input)).toBe(false);
		expect(matches('signal:empty|refusal', input)).toBe(true);
		expect(matches('cluster:near-duplicate', input)).toBe(true);
		expect(matches('cluster:near-duplicate:4', input)).toBe(true);
		expect(matches('cluster:near-duplicate:5', input)).toBe(false);
		expect(matches('cluster:duplicate', input)).toBe(false);
	});

	it('renders nothing for a query that does not search text', () => {
		let rendered = 0;
		const lazy: SampleFacts = {...facts({value: chat}), get text() {
			rendered++;
			return '';
		}};
		expect(matchesQuery(parseQuery('model:gpt-4o scores.quality<1'), lazy)).toBe(true);
		expect(rendered).toBe(0);
	});
});

describe('field names in any script, quoted names, numbers, single quotes, rules by their canonical form', () => {
	const sample = {méta: {langue: 'fr'}, 语言: '中文', 'lang-code': 'zh', 'x y': 1, harm: {'Economic Crime': true}, 'a/b': 'c', temperature: 1, top_p: '1.0', meta: {batch: 'batch 1'}, text: 'I don\'t know'};
	const is = (query: string) => matchesQuery(parseQuery(query), facts({value: sample}));

	it('reads a name of letters, digits and marks of any script as a field, never as text', () => {
		expect(is('méta.langue:fr')).toBe(true);
		expect(is('-méta.langue:fr')).toBe(false);
		expect(is('语言:中文')).toBe(true);
		expect(is('lang-code:zh')).toBe(true);
		expect(parseQuery('méta.langue:fr').clauses[0][0].term).toMatchObject({kind: 'field', path: ['méta', 'langue']});
		expect(parseQuery('हिन्दी.भाषा<3').clauses[0][0].term).toMatchObject({kind: 'compare', path: ['हिन्दी', 'भाषा']});
		// A word:value with other characters in the name is a field too (the field check reports one no sample has).
		expect(parseQuery('a/b:c').clauses[0][0].term).toMatchObject({kind: 'field', path: ['a/b']});
		expect(is('a/b:c')).toBe(true);
	});

	it('takes a quoted name for a field whose name holds spaces or other characters, spelt back the same way', () => {
		expect(is('"harm.Economic Crime":true')).toBe(true);
		expect(is('harm."Economic Crime":true')).toBe(true);
		expect(is('"x y":1')).toBe(true);
		expect(formatQuery(parseQuery('harm."Economic Crime":TRUE'))).toBe('"harm.Economic Crime":true');
		expect(formatQuery(parseQuery('"status":draft'))).toBe('$.status:draft');
		expect(formatQuery(parseQuery('a/b:c'))).toBe('"a/b":c');
	});

	it('compares a value written as a number with a number field as numbers; a string field by its text', () => {
		expect(is('temperature:1.0')).toBe(true);
		expect(is('temperature:1e0')).toBe(true);
		expect(is('temperature:1')).toBe(true);
		expect(is('temperature:1.5')).toBe(false);
		expect(is('top_p:1.0')).toBe(true);
		expect(is('top_p:1')).toBe(false);
	});

	it('reads single quotes as double ones where a term or a value starts; an apostrophe inside a word is a letter', () => {
		expect(is("meta.batch:'batch 1'")).toBe(true);
		expect(formatQuery(parseQuery("meta.batch:'batch 1'"))).toBe('meta.batch:"batch 1"');
		expect(parseQuery("'i don't'").clauses[0][0].term).toEqual({kind: 'text', text: 'i don'});
		expect(parseQuery("don't").clauses[0][0].term).toEqual({kind: 'text', text: "don't"});
		expect(is("don't")).toBe(true);
		expect(parseQuery("'90s").clauses[0][0].term).toEqual({kind: 'text', text: "'90s"});
	});

	it('rule: finds a rule however its terms are ordered, as --undo-rule does', () => {
		const decided = facts({value: sample, records: [rec('a', 'rejected', {rule: 'signal:refusal model:gpt-4o|model:llama'})]});
		expect(matchesQuery(parseQuery('rule:"model:llama|model:gpt-4o signal:refusal"'), decided)).toBe(true);
		expect(matchesQuery(parseQuery('rule:"signal:refusal model:gpt-4o|model:llama"'), decided)).toBe(true);
		expect(matchesQuery(parseQuery('rule:"signal:refusal"'), decided)).toBe(false);
		expect(matchesQuery(parseQuery('rule:*'), decided)).toBe(true);
		const named = facts({value: sample, records: [rec('a', 'rejected', {rule: 'Meta.Source:x signal:empty'})]});
		expect(matchesQuery(parseQuery('rule:"signal:empty Meta.Source:X"'), named)).toBe(true);
	});
});

describe('query algebra', () => {
	const terms = ['model:gpt-4o', 'model:llama', 'scores.quality<0.5', 'temperature>=1', 'joke', '"as an ai"', '/cannot/', 'status:undecided', 'verdict:rejected', 'reviewer:alice', 'signal:refusal', 'cluster:duplicate', 'category:age', 'missing:x'];
	const samples = [
		facts({value: chat}),
		facts({value: {...chat, model: 'llama', temperature: 0.2}, records: [rec('alice', 'rejected', {categories: ['age']})], signals: ['refusal']}),
		facts({value: {text: 'a joke'}, clusters: {duplicate: {id: 1, size: 2, position: 2}}}),
	];

	it('- negates, a space is AND, | is OR, whatever the terms', () => {
		fc.assert(fc.property(fc.constantFrom(...terms), fc.constantFrom(...terms), fc.constantFrom(...samples), (a, b, sample) => {
			const is = (query: string) => matchesQuery(parseQuery(query), sample);
			expect(is(`-${a}`)).toBe(!is(a));
			expect(is(`${a} ${b}`)).toBe(is(a) && is(b));
			expect(is(`${a}|${/^[a-z]+$/.test(b) ? `"${b}"` : b}`)).toBe(is(a) || is(b));
			expect(is(`${a} ${b}`)).toBe(is(`${b} ${a}`));
		}));
	});
});

describe('query errors', () => {
	it.each([
		['model:', 7, 'expected a value after "model:"'],
		['scores.quality<high', 16, 'expected a number after "scores.quality<"'],
		['status:done', 8, 'unknown status "done"'],
		['signal:refusl', 8, 'did you mean refusal?'],
		['cluster:near', 9, 'unknown cluster kind "near"'],
		['verdict:maybe', 9, 'unknown verdict "maybe"'],
		['"unclosed phrase', 1, 'never closed'],
		['/unclosed', 1, 'never closed'],
		['/a(/', 2, 'is not valid'],
		['/a/g', 4, 'unknown regex flag "g"'],
		['status<3', 7, 'status takes ":"'],
		['model:x |', 9, 'expected a term after "|"'],
		['- model:x', 1, 'expected a term right after "-"'],
		['| model:x', 1, 'expected a term before "|"'],
		['not signal:refusal', 1, 'write NOT or - to negate (capitals), or "not" in quotes for the word'],
		['signal:refusal or signal:empty', 16, 'write OR or | between terms (capitals)'],
		['signal:refusal And model:x', 16, 'write AND or a space between terms'],
		['(signal:refusal | signal:empty', 1, 'this "(" is never closed'],
		['signal:refusal)', 15, 'this ")" closes no "("'],
		['()', 1, 'expected a term between "(" and ")"'],
		['f(x)', 2, 'put a space before it to start a group'],
		['signal:refusal OR', 16, 'expected a term after OR'],
		['OR signal:refusal', 1, 'expected a term before OR'],
		['signal:refusal AND', 16, 'expected a term after AND'],
		['NOT', 1, 'expected a term after NOT'],
		['-)', 1, 'expected a term right after "-"'],
		['(model:x |)', 10, 'expected a term after "|"'],
		['signal:refusal@chosn', 16, 'unknown answer "chosn": did you mean chosen? (one of chosen, rejected)'],
		['signal:duplicate@chosen', 17, 'duplicate is a signal of the whole sample, not of one answer'],
		['cluster:near-duplicate:abc', 24, 'expected a cluster number after "near-duplicate:" (as in cluster:near-duplicate:3), not "abc"'],
		['cluster:duplicate:-1', 19, 'expected a cluster number after "duplicate:"'],
		['cluster:duplicate:0', 19, 'cluster numbers start at 1 (as positions do)'],
	])('%s → column %i', (query, column, text) => {
		const error = errorOf(query);
		expect(error.column).toBe(column);
		expect(error.message).toContain(`column ${column}`);
		expect(error.message).toContain(text);
		expect(error.message.split('\n')).toHaveLength(1);
	});

	it('never throws anything but a QueryError, whatever is typed', () => {
		fc.assert(fc.property(fc.string({maxLength: 40}), text => {
			try {
				const query = parseQuery(text);
				matchesQuery(query, facts({value: chat}));
			} catch (error) {
				expect(error).toBeInstanceOf(QueryError);
				expect((error as QueryError).column).toBeGreaterThanOrEqual(1);
				expect((error as QueryError).column).toBeLessThanOrEqual(text.length + 1);
			}
		}), {numRuns: 2000});
	});
});

describe('formatQuery', () => {
	it('spells one query one way', () => {
		expect(formatQuery(parseQuery('  signal:refusal   model:GPT-4o |  source:"batch 7" '))).toBe('signal:refusal model:gpt-4o|source:"batch 7"');
		expect(formatQuery(parseQuery('-category:"gender identity" scores.quality<0.5 /as an ai/i "two words" word'))).toBe('-category:"gender identity" scores.quality<0.5 /as an ai/i "two words" word');
	});

	it('gives one key to queries that differ only in the order of clauses and alternatives', () => {
		const key = (text: string) => queryKey(parseQuery(text));
		expect(key('model:gpt-4o "AS an AI" signal:refusal|signal:empty')).toBe(key('signal:empty|refusal   "as an ai"  MODEL:gpt-4o'.replace('MODEL', 'model')));
		expect(key('model:a model:b')).not.toBe(key('model:a|model:b'));
		expect(key('-model:a')).not.toBe(key('model:a'));
	});

	it('reads back its own output as the same query', () => {
		const plain = fc.constantFrom('signal:refusal', 'status:undecided', 'model:gpt-4o', 'scores.quality<0.5', '"two words"', '/x+y/i', '"word"', 'category:"gender identity"', 'cluster:duplicate:3', 'model:gpt*', '$.status:ok', 'rule:"signal:refusal model:x"', '"or"', 'model:"a(b)"', 'méta.langue:fr', '"x y.z":1', "meta.batch:'batch 1'", '"a/b":c', 'temperature:1.0', "'two words'");
		const clauses = (term: fc.Arbitrary<string>) => fc.array(fc.tuple(fc.constantFrom('', '-', 'NOT '), fc.array(term, {minLength: 1, maxLength: 3}), fc.constantFrom('|', ' | ', ' OR ')), {minLength: 1, maxLength: 3})
			.chain(parts => fc.constantFrom(' ', ' AND ').map(and => parts.map(([negation, terms, or]) => terms.map(t => `${negation}${t}`).join(or)).join(and)));
		const term = fc.oneof({weight: 3, arbitrary: plain}, {weight: 1, arbitrary: clauses(plain).map(text => `(${text})`)});
		const query = clauses(fc.oneof(term, clauses(term).map(text => `(${text})`))).map(text => `${text} word`);
		fc.assert(fc.property(query, text => {
			const once = formatQuery(parseQuery(text));
			expect(formatQuery(parseQuery(once))).toBe(once);
			for (const value of [chat, {text: 'x+y two words'}]) {
				for (const records of [[], [rec('a', 'rejected', {categories: ['gender identity'], rule: 'signal:refusal model:x'})]]) {
					const sample = facts({value, records, signals: ['refusal'], clusters: {duplicate: {id: 3, size: 2, position: 1}}});
					expect(matchesQuery(parseQuery(once), sample)).toBe(matchesQuery(parseQuery(text), sample));
				}
			}
		}));
	});
});

describe('complete', () => {
	it('completes term names, signal names, statuses and fields', () => {
		expect(complete('sig').candidates).toEqual(['signal:']);
		expect(complete('signal:ref').candidates).toEqual(['signal:refusal']);
		expect(complete('model:x -signal:rep').candidates).toEqual(['-signal:repetition']);
		expect(complete('model:x -signal:rep').start).toBe(8);
		expect(complete('status:').candidates).toEqual(['status:accepted', 'status:changed', 'status:conflict', 'status:flagged', 'status:rejected', 'status:undecided']);
		expect(complete('sco', {fields: ['scores.quality', 'source']}).candidates).toEqual(['scores.quality:']);
		expect(complete('s', {fields: ['source']}).common).toBe('s');
		expect(complete('category:gen', {categories: ['gender identity', 'age']}).candidates).toEqual(['category:"gender identity"']);
		expect(complete('signal:refusal|em').candidates).toEqual(['empty']);
		expect(complete('model:', {values: path => (path === 'model' ? ['gpt-4o', 'claude'] : [])}).candidates).toEqual(['model:claude', 'model:gpt-4o']);
		expect(complete('signal:mo').common).toBe('signal:mo');
		expect(complete('signal:refusal@').candidates).toEqual(['signal:refusal@chosen', 'signal:refusal@rejected']);
		expect(complete('signal:duplicate@').candidates).toEqual([]);
		// Inside parentheses too.
		expect(complete('-(signal:ref').candidates).toEqual(['signal:refusal']);
		expect(complete('-(signal:ref').start).toBe(2);
		expect(complete('(model:x OR sig').candidates).toEqual(['signal:']);
	});

	it('lists a sample\'s field paths for completion, through lists', () => {
		expect(fieldPathsOf(chat)).toEqual(['messages', 'messages.role', 'messages.content', 'model', 'temperature', 'scores', 'scores.quality', 'scores.tags', 'source', 'status']);
	});
});

describe('prefilter (raw bytes, before parsing)', () => {
	const values = fc.constantFrom('gpt-4o', 'GPT-4o', 'llama', 'K\u212Aelvin', '\u0130stanbul', 'istanbul', 'kkelvin', 'a b', 'x/y', 'tab\there');
	const sample = fc.record({
		model: fc.oneof(values, fc.integer(), fc.boolean(), fc.constant(null)),
		scores: fc.record({quality: fc.oneof(fc.double({noNaN: true, noDefaultInfinity: true}), fc.constantFrom('0.3', 'high'))}, {requiredKeys: []}),
		tags: fc.array(values, {maxLength: 3}),
		text: fc.string({maxLength: 8}),
	}, {requiredKeys: []});
	const query = fc.constantFrom('model:gpt-4o', 'model:GPT-4O', 'model:llama', 'model:kkelvin', 'model:istanbul', 'model:i̇stanbul', 'model:"a b"', 'model:x/y', 'tags:llama', 'scores.quality<0.5', 'scores.quality:high', 'model:gpt*', 'model:/gpt/i', '-model:llama', 'model:true', 'model:1', 'model:gpt-4o|scores.quality>0', 'text:x');

	it('never rules out a sample that matches', () => {
		fc.assert(fc.property(sample, query, fc.boolean(), (value, text, escape) => {
			let line = JSON.stringify(value);
			// Sometimes with every non-ASCII character (and some ASCII ones) written as a \\u escape.
			if (escape) line = line.replace(/[^\x20-\x7e]|[gk]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
			const parsed = parseQuery(text);
			const filter = prefilterOf(parsed);
			const matched = matchesQuery(parsed, facts({value: JSON.parse(line) as unknown}));
			if (filter && rejects(filter, Buffer.from(line))) expect(matched, line).toBe(false);
		}), {numRuns: 3000});
	});

	it('rules out samples that lack a metadata term\'s value or key', () => {
		const filter = prefilterOf(parseQuery('model:gpt-4o scores.quality<0.5'))!;
		expect(rejects(filter, Buffer.from('{"model":"llama","scores":{"quality":0.1}}'))).toBe(true);
		expect(rejects(filter, Buffer.from('{"model":"GPT-4O","other":1}'))).toBe(true);
		expect(rejects(filter, Buffer.from('{"model":"GPT-4O","scores":{"quality":0.9}}'))).toBe(false);
		expect(prefilterOf(parseQuery('"as an ai" status:undecided'))).toBeUndefined();
		// Characters whose lower case is ASCII, and \u escapes, can spell the value: never ruled out.
		for (const line of ['{"model":"K\u212Aelvin"}', '{"model":"\\u006belvin"}']) {
			expect(matchesQuery(parseQuery('model:kkelvin|model:kelvin'), facts({value: JSON.parse(line) as unknown}))).toBe(true);
			expect(rejects(prefilterOf(parseQuery('model:kkelvin|model:kelvin'))!, Buffer.from(line))).toBe(false);
		}
	});
});
