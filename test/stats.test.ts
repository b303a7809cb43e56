import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {hashId} from '../source/dataset/identity.js';
import {bar} from '../source/report/bars.js';
import {FingerprintTable, fingerprint, fingerprintOf} from '../source/dataset/id-fingerprints.js';
import {renderStats} from '../source/report/render.js';
import {computeStats, StatsAccumulator, type Stats} from '../source/report/stats.js';
import {terminalCapabilities} from '../source/report/terminal.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';
import {runCli} from './helpers/cli-run.js';
import {writeDecisions} from './helpers/decision-records.js';

const tempDir = useTempDir();

function at(minutes: number): string {
	return new Date(Date.UTC(2024, 4, 1, 9, 0, 0) + minutes * 60_000).toISOString();
}

function rec(sample: string, reviewer: string, verdict: DecisionRecord['verdict'], minutes: number, extra: Partial<DecisionRecord> = {}): DecisionRecord {
	return {sample, reviewer, verdict, categories: [], note: '', at: at(minutes), ...extra};
}

const entries = (...ids: string[]) => ids.map((id, i) => ({id, lineNumber: i + 1}));

describe('StatsAccumulator', () => {
	it('counts statuses, percent decided, conflicts and resolutions over the dataset\'s entries', () => {
		const stats = computeStats(entries('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), [
			rec('a', 'ann', 'accepted', 1),
			rec('b', 'ann', 'rejected', 2),
			rec('c', 'ann', 'flagged', 3, {categories: ['age', 'gender identity']}),
			rec('d', 'ann', 'accepted', 4), rec('d', 'bob', 'rejected', 5), // tie
			rec('e', 'ann', 'accepted', 6), rec('e', 'bob', 'accepted', 7), rec('e', 'cy', 'flagged', 8, {categories: ['age']}), // 2-1
			rec('f', 'ann', 'accepted', 9), rec('f', 'bob', 'rejected', 10), rec('f', 'lead', 'rejected', 11, {resolution: true}),
			rec('g', 'ann', null, 12), // undone
		]);
		expect(stats.samples).toEqual({total: 8, wellFormed: 8, decided: 5, percentDecided: 62.5, conflicts: 2, unsettled: 1, resolved: 1, multiReviewed: 3, changed: 0});
		expect(stats.status).toEqual({accepted: 2, rejected: 2, flagged: 1, undecided: 3});
		expect(stats.categories).toEqual([{category: 'age', samples: 2, decisions: 2}, {category: 'gender identity', samples: 1, decisions: 1}]);
		expect(stats.decisions).toEqual({total: 11, cleared: 1, byRule: 0, oneByOne: 11, rules: []});
	});

	it('agreement leaves out a lead\'s resolutions: they settle a disagreement, they do not rate the sample independently', () => {
		const stats = computeStats(entries('a', 'b'), [
			rec('a', 'ann', 'accepted', 1), rec('a', 'bob', 'rejected', 2), rec('a', 'lead', 'rejected', 3, {resolution: true}),
			rec('b', 'ann', 'accepted', 4), rec('b', 'bob', 'accepted', 5),
		]);
		expect(stats.agreement.reviewers).toEqual(['ann', 'bob']);
		expect(stats.agreement.samples).toBe(2);
		expect(stats.agreement.percentAgreement).toBe(0.5);
		expect(stats.agreement.fleissKappa).toBeNull();
	});

	it('under the any policy a disputed sample counts under each verdict it got', () => {
		const stats = computeStats(entries('d', 'x'), [rec('d', 'ann', 'accepted', 1), rec('d', 'bob', 'rejected', 2)], {policy: 'any'});
		expect(stats.status).toEqual({accepted: 1, rejected: 1, flagged: 0, undecided: 1});
		expect(stats.samples).toMatchObject({decided: 1, percentDecided: 50, conflicts: 1, unsettled: 0});
	});

	it('per reviewer: decisions by verdict, first and last time, decisions per active hour', () => {
		const records = [
			// ann: 4 decisions in 3 minutes, a 2-hour break, 2 more a minute apart: active 4 minutes.
			rec('a', 'ann', 'accepted', 0), rec('b', 'ann', 'accepted', 1), rec('c', 'ann', 'rejected', 2), rec('d', 'ann', 'flagged', 3),
			rec('e', 'ann', 'accepted', 123), rec('f', 'ann', 'accepted', 124),
			rec('a', 'lead', 'accepted', 200, {resolution: true}),
			rec('b', 'bob', null, 5),
		];
		const stats = computeStats(entries('a', 'b', 'c', 'd', 'e', 'f'), records);
		expect(stats.reviewers).toEqual([
			{reviewer: 'ann', decisions: 6, accepted: 4, rejected: 1, flagged: 1, resolutions: 0, first: at(0), last: at(124), activeHours: 0.07, perHour: 90},
			{reviewer: 'lead', decisions: 1, accepted: 1, rejected: 0, flagged: 0, resolutions: 1, first: at(200), last: at(200), activeHours: 0, perHour: null},
		]);
	});

	it('counts reject reasons per sample and per decision (a Reasons table, in --json too)', () => {
		const stats = computeStats(entries('a', 'b', 'c'), [
			rec('a', 'ann', 'rejected', 1, {reasons: ['unsafe', 'off-topic']}),
			rec('a', 'bob', 'rejected', 2, {reasons: ['unsafe']}),
			rec('b', 'ann', 'rejected', 3, {reasons: ['duplicate']}),
			rec('c', 'ann', null, 4, {reasons: ['unsafe']}),
		]);
		expect(stats.reasons).toEqual([
			{reason: 'unsafe', samples: 1, decisions: 2},
			{reason: 'duplicate', samples: 1, decisions: 1},
			{reason: 'off-topic', samples: 1, decisions: 1},
		]);
		const text = renderStats(stats, {unicode: false, color: false, width: 80});
		expect(text).toMatch(/Reasons\n\s+reason\s+samples\s+decisions/);
		expect(text).toMatch(/unsafe\s+1\s+2/);
	});

	it('keeps the newest record per sample and reviewer when a file holds several', () => {
		const stats = computeStats(entries('a'), [rec('a', 'ann', 'accepted', 5), rec('a', 'ann', 'rejected', 1)]);
		expect(stats.status.accepted).toBe(1);
		expect(stats.decisions.total).toBe(1);
	});

	it('reports malformed lines, repeated ids (with their lines) and decisions on samples not in the dataset', () => {
		const accumulator = new StatsAccumulator([rec('a', 'ann', 'accepted', 1), rec('gone', 'ann', 'rejected', 2), rec('gone', 'bob', 'rejected', 3), rec('also-gone', 'bob', 'flagged', 4), rec('undone-gone', 'bob', null, 5)]);
		const feed: Array<[string, number, boolean]> = [['a', 1, false], ['b', 2, true], ['a', 4, false], ['c', 5, false], ['a', 9, false], ['c', 10, true]];
		for (const [id, line, malformed] of feed) accumulator.add(id, line, malformed);
		const stats = accumulator.finish();
		expect(stats.malformed).toEqual({count: 2, lines: [2, 10], elements: [1, 5], truncated: false});
		expect(stats.repeatedIds).toEqual({
			ids: 2,
			extraEntries: 3,
			examples: [{id: 'a', count: 3, lines: [1, 4, 9], samples: [1, 3, 5]}, {id: 'c', count: 2, lines: [5, 10], samples: [4, 6]}],
			truncated: false,
			checked: true,
		});
		expect(stats.missingSamples).toEqual({decisions: 3, samples: 2, ids: ['also-gone', 'gone'], truncated: false});
		// A repeated accepted id counts once per entry, as export writes it once per entry.
		expect(stats.status.accepted).toBe(3);
		expect(stats.categories).toEqual([]);
	});

	it('caps its lists at listLimit and says so, while the counts stay exact', () => {
		const ids = Array.from({length: 30}, (_, i) => `id${i}`);
		const accumulator = new StatsAccumulator(ids.map((id, i) => rec(`missing-${id}`, 'ann', 'accepted', i)), {listLimit: 5});
		for (const [i, id] of ids.entries()) {
			accumulator.add(id, i * 3 + 1, i % 2 === 0);
			accumulator.add(id, i * 3 + 2, false);
			accumulator.add(id, i * 3 + 3, false);
		}

		const stats = accumulator.finish();
		expect(stats.malformed).toMatchObject({count: 15, truncated: true});
		expect(stats.malformed.lines).toHaveLength(5);
		expect(stats.repeatedIds).toMatchObject({ids: 30, extraEntries: 60, truncated: true});
		expect(stats.repeatedIds.examples).toHaveLength(5);
		expect(stats.repeatedIds.examples[0]).toEqual({id: 'id0', count: 3, lines: [1, 2, 3], samples: [1, 2, 3]});
		expect(stats.missingSamples).toMatchObject({decisions: 30, samples: 30, truncated: true});
		expect(stats.missingSamples.ids).toHaveLength(5);
	});

	it('gives exact counts when ids share a fingerprint (forced here; about never in practice)', () => {
		const records = [
			rec('a', 'ann', 'accepted', 1, {categories: ['age']}), rec('b', 'ann', 'rejected', 2), rec('bb', 'ann', 'flagged', 3, {categories: ['age']}),
			rec('a', 'bob', 'accepted', 4), rec('bb', 'bob', 'accepted', 5), rec('gone', 'ann', 'accepted', 6), rec('gone2', 'bob', 'rejected', 7),
			rec('b', 'ann', 'accepted', 8), // newer: replaces ann's rejection of b
		];
		const ids = entries('a', 'b', 'c', 'bb', 'd', 'a', 'cc', 'bb');
		// Every id gets one of two fingerprints: decided and undecided ids collide with each other.
		const crowded = (id: string) => {
			fingerprint[0] = id.length;
			fingerprint[1] = 1;
		};

		const exact = computeStats(ids, records, {trackRepeats: false});
		const forced = computeStats(ids, records, {trackRepeats: false, fingerprintOf: crowded});
		expect(forced).toEqual(exact);
		expect(exact.status).toEqual({accepted: 3, rejected: 0, flagged: 0, undecided: 5});
		expect(exact.missingSamples.ids).toEqual(['gone', 'gone2']);
		expect(exact.categories).toEqual([{category: 'age', samples: 2, decisions: 2}]);

		const withRepeats = computeStats(ids, records, {fingerprintOf: crowded});
		expect({...withRepeats, repeatedIds: undefined}).toEqual({...exact, repeatedIds: undefined});
		const accumulator = new StatsAccumulator(records, {fingerprintOf: crowded});
		expect(accumulator.recordsFor('bb')?.map(record => record.reviewer).sort()).toEqual(['ann', 'bob']);
		expect(accumulator.recordsFor('c')).toBeUndefined();
		expect(accumulator.recordsFor('b')?.[0].verdict).toBe('accepted');
	});

	it('can skip looking for repeats (export does)', () => {
		const stats = computeStats(entries('a', 'a'), [], {trackRepeats: false});
		expect(stats.repeatedIds).toMatchObject({ids: 0, checked: false});
	});

	it('finds every repeat and no false one among 300,000 ids, with or without a size hint', () => {
		for (const hint of [0, 300_000]) {
			const accumulator = new StatsAccumulator([]);
			accumulator.expect(hint);
			for (let i = 0; i < 300_000; i++) accumulator.add(i % 1000 === 7 ? `dup-${i % 3}` : hashId(Buffer.from(String(i))), i + 1);
			const stats = accumulator.finish();
			expect(stats.repeatedIds.ids).toBe(3);
			expect(stats.repeatedIds.extraEntries).toBe(297);
		}
	});
});

describe('FingerprintTable', () => {
	it('adds, finds and keeps its values across growth', () => {
		const table = new FingerprintTable();
		for (let i = 0; i < 50_000; i++) {
			fingerprintOf(`id-${i}`);
			expect(table.add(i, i * 2)).toBe(-1);
		}

		for (let i = 0; i < 50_000; i += 997) {
			fingerprintOf(`id-${i}`);
			const slot = table.find();
			expect(table.a(slot)).toBe(i);
			expect(table.b(slot)).toBe(i * 2);
			expect(table.add(0, 0)).toBe(slot);
		}

		fingerprintOf('never added');
		expect(table.find()).toBe(-1);
		expect(table.size).toBe(50_000);
	});
});

describe('bars', () => {
	it('draws eighths of a cell in unicode and whole cells of # in ASCII', () => {
		expect(bar(1, 4, true)).toBe('████');
		expect(bar(0.5, 4, true)).toBe('██');
		expect(bar(1 / 32, 4, true)).toBe('▏');
		expect(bar(0.3, 10, true)).toBe('███');
		expect(bar(0.33, 10, true)).toBe('███▎');
		expect(bar(0.5, 10, false)).toBe('#####');
		expect(bar(0.001, 10, false)).toBe('#');
		expect(bar(0.001, 10, true)).toBe('▏');
		expect(bar(0, 10, true)).toBe('');
		expect(bar(Number.NaN, 10, true)).toBe('');
		expect(bar(2, 3, true)).toBe('███');
	});
});

describe('terminalCapabilities', () => {
	it('uses unicode unless TERM=dumb or the locale is not UTF-8; colour only on a terminal without NO_COLOR', () => {
		const tty = {isTTY: true, columns: 120};
		expect(terminalCapabilities({LANG: 'en_US.UTF-8'}, tty)).toEqual({unicode: true, color: true, width: 120});
		expect(terminalCapabilities({LANG: 'C.utf8'}, tty).unicode).toBe(true);
		expect(terminalCapabilities({}, tty).unicode).toBe(true);
		expect(terminalCapabilities({LANG: 'C'}, tty).unicode).toBe(false);
		expect(terminalCapabilities({LANG: 'en_US.UTF-8', LC_ALL: 'POSIX'}, tty).unicode).toBe(false);
		expect(terminalCapabilities({LANG: 'C', LC_CTYPE: 'de_DE.UTF-8'}, tty).unicode).toBe(true);
		expect(terminalCapabilities({LANG: 'en_US.ISO-8859-1'}, tty).unicode).toBe(false);
		expect(terminalCapabilities({LANG: 'en_US.UTF-8', TERM: 'dumb'}, tty)).toMatchObject({unicode: false, color: false});
		expect(terminalCapabilities({NO_COLOR: '1'}, tty).color).toBe(false);
		expect(terminalCapabilities({NO_COLOR: ''}, tty).color).toBe(true);
		expect(terminalCapabilities({FORCE_COLOR: '0'}, tty).color).toBe(false);
		expect(terminalCapabilities({}, {isTTY: true, columns: 20}).width).toBe(40);
	});

	it('honours COLUMNS, and writes full lines to a file or pipe', () => {
		expect(terminalCapabilities({}, {isTTY: false, columns: 200})).toEqual({unicode: true, color: false, width: Number.POSITIVE_INFINITY});
		expect(terminalCapabilities({}, {isTTY: false}).width).toBe(Number.POSITIVE_INFINITY);
		expect(terminalCapabilities({COLUMNS: '200'}, {isTTY: false}).width).toBe(200);
		expect(terminalCapabilities({COLUMNS: '250'}, {isTTY: true, columns: 80}).width).toBe(250);
		expect(terminalCapabilities({COLUMNS: '10'}, {isTTY: false}).width).toBe(40);
		expect(terminalCapabilities({COLUMNS: 'wide'}, {isTTY: true, columns: 90}).width).toBe(90);
		expect(terminalCapabilities({COLUMNS: ''}, {isTTY: false}).width).toBe(Number.POSITIVE_INFINITY);
	});
});

function sampleStats(): Stats {
	const hostile = 'evil\u001B]52;c;aGk=\u0007\u202Ename';
	return computeStats(
		[...entries('a', 'b', 'c', 'd', hostile, 'f'), {id: 'g', lineNumber: 7, malformed: true}, {id: 'a', lineNumber: 8}],
		[
			rec('a', 'ann', 'accepted', 1),
			rec('b', 'a-reviewer-with-a-remarkably-long-name-that-needs-cutting', 'rejected', 2),
			rec('c', hostile, 'flagged', 3, {categories: ['race/ethnicity', `${hostile} category`]}),
			rec(`${hostile}-missing`, 'ann', 'accepted', 4),
		],
	);
}

describe('renderStats', () => {
	it('fits the width, aligns the columns and shows every section', () => {
		for (const width of [40, 80, 132]) {
			const text = renderStats(sampleStats(), {unicode: true, color: false, width, source: {dataset: 'data/samples.jsonl', decisionsFile: 'data/samples.decisions.json', decisionsFileExists: true}});
			for (const line of text.split('\n')) expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
			for (const heading of ['Status', 'Bias categories', 'Reviewers', 'Data quality']) expect(text).toContain(heading);
		}

		const text = renderStats(sampleStats(), {unicode: true, color: false, width: 80});
		expect(text).toMatch(/^ {2}accepted {3}2 {2}25\.0% {2}█+/m);
		expect(text).toMatch(/^ {2}undecided {2}4 {2}50\.0% {2}█+$/m);
		expect(text).toContain('malformed lines: 1 (not valid JSON objects; export skips them; --verbose lists');
		expect(text).toContain('repeated ids: 1');
		expect(text).toContain('decisions on samples not in the dataset: 1 on 1 sample');
		expect(text).toMatch(/ {2}a-reviewer-with-a-re…  /);
	});

	it('cuts nothing when the width is unbounded (piped), and shows every column', () => {
		const source = {dataset: `data/${'very-long-folder-name/'.repeat(6)}samples.jsonl`, decisionsFile: 'data/samples.decisions.json', decisionsFileExists: true};
		const text = renderStats(sampleStats(), {unicode: true, color: false, width: Number.POSITIVE_INFINITY, source});
		expect(text).toContain('a-reviewer-with-a-remarkably-long-name-that-needs-cutting');
		expect(text).toContain(source.dataset);
		expect(text).not.toContain('…');
		expect(text).toMatch(/reviewer.*accepted.*rejected.*flagged.*first.*last/);
		const narrow = renderStats(sampleStats(), {unicode: true, color: false, width: 200, source});
		for (const line of narrow.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(200);
	});

	it('lets nothing from the data reach the terminal as a control character', () => {
		for (const options of [{unicode: true, color: false}, {unicode: false, color: false}, {unicode: true, color: true}]) {
			const text = renderStats(sampleStats(), {...options, width: 100, verbose: true});
			const withoutOurColours = text.replaceAll(/\u001B\[[\d;]*m/g, '');
			expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
			expect(withoutOurColours).toContain('␛]52;c;aGk=␇⟨U+202E⟩name');
		}
	});

	it('degrades to ASCII: no block characters or other non-ASCII chrome', () => {
		const text = renderStats(sampleStats(), {unicode: false, color: false, width: 80, source: {dataset: 'd.jsonl', decisionsFile: 'd.decisions.json', decisionsFileExists: true}});
		expect(text).toMatch(/^ {2}accepted .* #+$/m);
		expect(text).not.toMatch(/[▏▎▍▌▋▊▉█·…×]/);
	});

	it('colours only when asked', () => {
		expect(renderStats(sampleStats(), {unicode: true, color: false, width: 80})).not.toContain('\u001B[');
		expect(renderStats(sampleStats(), {unicode: true, color: true, width: 80})).toContain('\u001B[32m█');
	});

	it('lists line numbers, repeats and missing ids in full only with verbose', () => {
		const stats = computeStats(Array.from({length: 40}, (_, i) => ({id: `s${i % 20}`, lineNumber: i + 1, malformed: i % 4 === 0})), Array.from({length: 12}, (_, i) => rec(`gone${i}`, 'ann', 'accepted', i)));
		const quiet = renderStats(stats, {unicode: true, color: false, width: 80});
		const verbose = renderStats(stats, {unicode: true, color: false, width: 80, verbose: true});
		expect(quiet).not.toContain('lines 1, 5, 9');
		expect(verbose).toContain('malformed lines: 10 (lines 1, 5, 9, 13');
		expect(quiet).toContain('and 17 more (--verbose lists them)');
		expect(verbose).toContain('s19 · 2× · lines 20, 40');
		expect(quiet).toContain('(7 more; --verbose lists them)');
		expect(verbose).toContain('gone9');
	});

	it('says plainly when nothing is decided yet', () => {
		const text = renderStats(computeStats(entries('a', 'b'), []), {unicode: true, color: false, width: 80, source: {dataset: 'd.jsonl', decisionsFile: 'd.decisions.json', decisionsFileExists: false}});
		expect(text).toContain('d.decisions.json does not exist yet: nothing is decided');
		expect(text).toContain('no bias categories picked yet');
		expect(text).toContain('no decisions yet');
		expect(text).toMatch(/undecided {2}2 {2}100\.0% {2}█{40}/);
	});
});

describe('winnow stats (command line)', () => {
	function setUp() {
		const dir = tempDir();
		const lines = ['{"id":"a"}', '{"id":"b"}', 'broken {', '{"id":"a","again":true}', '{"text":"no id"}', ''];
		writeFileSync(join(dir, 'samples.jsonl'), lines.join('\n'));
		writeDecisions(dir, 'samples.jsonl', [
			rec('a', 'ann', 'accepted', 1),
			rec('b', 'ann', 'flagged', 2, {categories: ['age'], note: 'n'}),
			rec('b', 'bob', 'rejected', 3),
			rec('zz', 'bob', 'accepted', 4),
		]);
		return dir;
	}

	it('--json prints one object with stable, documented fields', () => {
		const dir = setUp();
		const result = runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
		const json = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual(['version', 'dataset', 'decisionsFile', 'where', 'policy', 'samples', 'status', 'categories', 'reasons', 'reviewers', 'decisions', 'agreement', 'malformed', 'repeatedIds', 'missingSamples', 'signals', 'diversity']);
		expect(json).toEqual({
			version: 1,
			dataset: {path: 'samples.jsonl', layout: 'jsonl', bytes: expect.any(Number), blankLines: 0},
			decisionsFile: {path: 'samples.decisions.json', exists: true},
			where: null,
			policy: 'majority',
			samples: {total: 5, wellFormed: 4, decided: 2, percentDecided: 40, conflicts: 1, unsettled: 1, resolved: 0, multiReviewed: 1, changed: 0},
			status: {accepted: 2, rejected: 0, flagged: 0, undecided: 3},
			categories: [{category: 'age', samples: 1, decisions: 1}],
			reasons: [],
			reviewers: [
				{reviewer: 'ann', decisions: 2, accepted: 1, rejected: 0, flagged: 1, resolutions: 0, first: at(1), last: at(2), activeHours: 0.02, perHour: 120},
				{reviewer: 'bob', decisions: 2, accepted: 1, rejected: 1, flagged: 0, resolutions: 0, first: at(3), last: at(4), activeHours: 0.02, perHour: 120},
			],
			decisions: {total: 4, cleared: 0, byRule: 0, oneByOne: 4, rules: []},
			agreement: {samples: 1, reviewers: ['ann', 'bob'], percentAgreement: 0, pairs: [{reviewers: ['ann', 'bob'], samples: 1, agreement: 0, kappa: 0}], fleissKappa: null, blindSamples: 0},
			malformed: {count: 1, lines: [3], elements: [2], truncated: false},
			repeatedIds: {ids: 1, extraEntries: 1, examples: [{id: 'a', count: 2, lines: [1, 4], samples: [1, 4]}], truncated: false, checked: true},
			missingSamples: {decisions: 1, samples: 1, ids: ['zz'], truncated: false},
			signals: expect.any(Array),
			diversity: expect.any(Object),
		});
	});

	it('--json escapes control, bidi and separator characters but keeps the values', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'samples.jsonl'), '{"id":"x"}\n');
		const name = 'r\u202Eev\u0085\u2028';
		writeDecisions(dir, 'samples.jsonl', [rec('x', name, 'accepted', 1)]);
		const result = runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir});
		expect(result.stdout).not.toMatch(/[\u0080-\u009F\u202E\u2028]/);
		expect(result.stdout).toContain(String.raw`r\u202eev\u0085\u2028`);
		expect((JSON.parse(result.stdout) as {reviewers: Array<{reviewer: string}>}).reviewers[0].reviewer).toBe(name);
	});

	it('prints the table without colour or escape sequences through a pipe, and in ASCII under LANG=C', () => {
		const dir = setUp();
		const result = runCli(['stats', 'samples.jsonl'], {cwd: dir, env: {NO_COLOR: undefined}});
		expect(result.status).toBe(0);
		expect(result.stdout).not.toContain('\u001B');
		expect(result.stdout).toContain('samples.jsonl  5 entries (4 samples, 1 malformed) · 40.0% decided · policy majority');
		expect(result.stdout).toMatch(/accepted +2 +40\.0% +█+/);
		const ascii = runCli(['stats', 'samples.jsonl'], {cwd: dir, env: {LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined}});
		expect(ascii.stdout).toMatch(/accepted +2 +40\.0% +#+/);
		expect(ascii.stdout).not.toMatch(/[^\u0000-\u007F]/);
		const verbose = runCli(['stats', 'samples.jsonl', '--verbose'], {cwd: dir});
		expect(verbose.stdout).toContain('malformed lines: 1 (line 3)');
	});

	it('works without a decisions file, and honours --policy', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'samples.jsonl'), '{"id":"a"}\n{"id":"b"}\n');
		const json = JSON.parse(runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir}).stdout) as {decisionsFile: unknown; samples: {decided: number}; status: {undecided: number}};
		expect(json.decisionsFile).toEqual({path: 'samples.decisions.json', exists: false});
		expect(json.status.undecided).toBe(2);

		writeDecisions(dir, 'samples.jsonl', [rec('a', 'ann', 'accepted', 1), rec('a', 'bob', 'rejected', 2)]);
		const any = JSON.parse(runCli(['stats', 'samples.jsonl', '--json', '--policy', 'any'], {cwd: dir}).stdout) as {policy: string; status: Record<string, number>};
		expect(any.policy).toBe('any');
		expect(any.status).toEqual({accepted: 1, rejected: 1, flagged: 0, undecided: 1});
	});

	it('rejects export-only options and unknown policies, and names a missing dataset', () => {
		const dir = setUp();
		for (const [args, message] of [
			[['--out', 'x.jsonl'], '--out applies to winnow export'],
			[['--status', 'accepted'], '--status applies to winnow export'],
			[['--policy', 'all'], 'unknown --policy "all"'],
		] as const) {
			const result = runCli(['stats', 'samples.jsonl', ...args], {cwd: dir});
			expect(result.status).toBe(2);
			expect(result.stderr).toContain(message);
		}

		const missing = runCli(['stats', 'nope.jsonl'], {cwd: dir});
		expect(missing.status).toBe(1);
		expect(missing.stderr).toBe('winnow: nope.jsonl: no such file. Check the path (winnow --help shows the usage).\n');
	});
});

describe('a mistyped --id-field', () => {
	it('is said in one sentence by stats and export, and not when the field is there', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'samples.jsonl'), `${JSON.stringify({uuid: 'a', text: 'one'})}\n${JSON.stringify({uuid: 'b', text: 'two'})}\n`);
		for (const command of [['stats', 'samples.jsonl'], ['export', 'samples.jsonl', '--status', 'undecided']]) {
			const wrong = runCli([...command, '--id-field', 'uid'], {cwd: dir});
			expect(wrong.status).toBe(0);
			expect(wrong.stderr).toContain('no sample in samples.jsonl has the field "uid" (--id-field)');
			const right = runCli([...command, '--id-field', 'uuid'], {cwd: dir});
			expect(right.stderr).not.toContain('has the field');
		}
	});
});
