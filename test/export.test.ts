import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hashId} from '../source/dataset/identity.js';
import {annotate, oneLine} from '../source/report/export-formats/samples-jsonl.js';
import {csvRow} from '../source/report/export-formats/decisions-csv.js';
import {useTempDir} from './helpers/temp.js';
import {cliPath, runCli, runCliAsync} from './helpers/cli-run.js';
import {decision, writeDecisions} from './helpers/decision-records.js';

const tempDir = useTempDir();
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Lines exactly as a generator might have written them; the file joins them with `\r\n` or `\n`. */
const awkward = [
	'{"id":"crlf","text":"line with a CRLF ending"}',
	'{ "id" : "spaced",  "text" : "odd   spacing", "n": 1.0, "big": 12345678901234567890, "e": 1E+2 }',
	'{"id":"unicode","text":"naïve café — 日本語 🚀 \u200B zero width"}',
	String.raw`{"id":"escaped","text":"caf\u00e9 \ud83d\ude80 \" \\ \/ \n\t","z":-0}`,
	'{"text":"no id field here","b":true,"a":null}',
	'{"id":"last","text":"no newline after me"}',
];

function dataset(dir: string, name = 'samples.jsonl', content: string | Buffer = Buffer.concat([bom, Buffer.from(awkward.slice(0, 1).map(line => `${line}\r\n`).join('') + awkward.slice(1).join('\n'))])): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

const idOf = (line: string) => /"id" ?: ?"([^"]+)"/.exec(line)?.[1] ?? hashId(Buffer.from(line));

describe('winnow export: byte for byte', () => {
	it('writes the accepted lines exactly as they are in the file, in dataset order, each ending with \\n', () => {
		const dir = tempDir();
		dataset(dir);
		// Decided in another order than the file's; one rejected, one flagged.
		const decisions = [...awkward].reverse().map(line => decision(idOf(line), 'ann', 'accepted'));
		decisions.push(decision('spaced', 'ann', 'rejected'), decision('crlf', 'bob', 'accepted'));
		writeDecisions(dir, 'samples.jsonl', decisions);

		const result = runCli(['export', 'samples.jsonl'], {cwd: dir});
		expect(result.stderr).toContain('exported 5 samples (accepted; policy majority) to standard output');
		expect(result.status).toBe(0);
		const expected = awkward.filter(line => idOf(line) !== 'spaced').map(line => `${line}\n`).join('');
		// No BOM, no CR, the last line gets its newline, everything else untouched.
		expect(result.bytes.equals(Buffer.from(expected))).toBe(true);
	});

	it('stays byte for byte across read-chunk boundaries (a 12 MB file of CRLF, LF and blank lines)', () => {
		const dir = tempDir();
		const lines: string[] = [];
		const parts: string[] = [];
		for (let i = 0; i < 40_000; i++) {
			const line = JSON.stringify({id: `s${i}`, text: `é${'x'.repeat((i * 7919) % 600)}🚀`});
			lines.push(line);
			parts.push(line, i % 3 === 0 ? '\r\n' : '\n', i % 1000 === 0 ? '\n  \r\n' : '');
		}

		dataset(dir, 'samples.jsonl', parts.join(''));
		const result = runCli(['export', 'samples.jsonl', '--status', 'undecided'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.bytes.equals(Buffer.from(lines.map(line => `${line}\n`).join('')))).toBe(true);
	});

	it('writes --out atomically, replacing an older file, and says what it did on stderr only', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('unicode', 'ann', 'accepted'), decision('escaped', 'ann', 'flagged'), decision('last', 'ann', 'rejected')]);
		writeFileSync(join(dir, 'accepted.jsonl'), 'old content\n');
		chmodSync(join(dir, 'accepted.jsonl'), 0o640);

		const result = runCli(['export', 'samples.jsonl', '--out', 'accepted.jsonl'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout.length).toBe(0);
		expect(result.stderr).toMatch(/exported 1 sample \(accepted; policy majority\) to accepted\.jsonl/);
		expect(result.stderr).toMatch(/samples\.jsonl: 6 samples: 1 accepted, 1 rejected, 1 flagged, 3 undecided/);
		expect(readFileSync(join(dir, 'accepted.jsonl'), 'utf8')).toBe(`${awkward[2]}\n`);
		expect(statSync(join(dir, 'accepted.jsonl')).mode & 0o777).toBe(0o640);
		expect(readdirSync(dir).filter(name => name.endsWith('.tmp'))).toEqual([]);
	});

	it('--status picks one or several statuses (repeated or comma-separated)', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('crlf', 'ann', 'accepted'), decision('spaced', 'ann', 'rejected'), decision('unicode', 'ann', 'flagged')]);
		const lines = (args: string[]) => runCli(['export', 'samples.jsonl', ...args], {cwd: dir}).stdout.split('\n').filter(Boolean).map(idOf);
		expect(lines(['--status', 'rejected'])).toEqual(['spaced']);
		expect(lines(['--status', 'flagged,rejected'])).toEqual(['spaced', 'unicode']);
		expect(lines(['--status', 'accepted', '--status', 'undecided'])).toEqual(['crlf', 'escaped', hashId(Buffer.from(awkward[4])), 'last']);
		expect(lines(['--status', 'undecided'])).toHaveLength(3);
	});

	it('exports every line of a repeated id, and exact duplicate lines (same hash id) once each where they stand', () => {
		const dir = tempDir();
		const lines = ['{"id":"x","v":1}', '{"text":"dup"}', '{"id":"y"}', '{"id":"x","v":2}', '{"text":"dup"}'];
		dataset(dir, 'samples.jsonl', lines.join('\n') + '\n');
		writeDecisions(dir, 'samples.jsonl', [decision('x', 'ann', 'accepted'), decision(hashId(Buffer.from('{"text":"dup"}')), 'ann', 'accepted')]);
		const result = runCli(['export', 'samples.jsonl'], {cwd: dir});
		expect(result.stdout).toBe(['{"id":"x","v":1}', '{"text":"dup"}', '{"id":"x","v":2}', '{"text":"dup"}', ''].join('\n'));
	});

	it('writes each element of a top-level JSON array on its own line, with its bytes otherwise unchanged', () => {
		const dir = tempDir();
		const content = '\uFEFF[\r\n  {"id": "a", "text": "caf\\u00e9"},\r\n  {\r\n    "id": "b",\r\n    "n": 1.50\r\n  },\r\n  {"id":"c"}\r\n]\r\n';
		dataset(dir, 'samples.json', content);
		writeDecisions(dir, 'samples.json', [decision('a', 'ann', 'accepted'), decision('b', 'ann', 'accepted')]);
		const result = runCli(['export', 'samples.json'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('{"id": "a", "text": "caf\\u00e9"}\n{    "id": "b",    "n": 1.50  }\n');
		expect(result.stderr).toContain('(JSON array elements)');
	});

	it('says when there is no decisions file yet: nothing is accepted, so nothing is written, exit 0', () => {
		const dir = tempDir();
		dataset(dir);
		const result = runCli(['export', 'samples.jsonl'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout.length).toBe(0);
		expect(result.stderr).toContain('no decisions file yet (samples.decisions.json): every sample is undecided, so there is nothing accepted to export.');
		expect(result.stderr).toContain('exported 0 samples');

		const toFile = runCli(['export', 'samples.jsonl', '--out', 'accepted.jsonl'], {cwd: dir});
		expect(toFile.status).toBe(0);
		expect(readFileSync(join(dir, 'accepted.jsonl'), 'utf8')).toBe('');

		const undecided = runCli(['export', 'samples.jsonl', '--status', 'undecided'], {cwd: dir});
		expect(undecided.stdout.split('\n').filter(Boolean)).toHaveLength(6);
	});

	it('skips malformed lines and counts them; --verbose names them by line number', () => {
		const dir = tempDir();
		const lines = ['{"id":"a"}', 'not json', '{"id":"b",}', '', '["an","array"]', '{"id":"c"}', '"just a string"', '{"id":"d","bad":"\t raw tab"}'];
		dataset(dir, 'samples.jsonl', lines.join('\n'));
		writeDecisions(dir, 'samples.jsonl', ['a', 'c', 'd', hashId(Buffer.from('not json'))].map(id => decision(id, 'ann', 'accepted')));

		const quiet = runCli(['export', 'samples.jsonl'], {cwd: dir});
		expect(quiet.status).toBe(0);
		expect(quiet.stdout).toBe('{"id":"a"}\n{"id":"c"}\n');
		expect(quiet.stderr).toContain('5 malformed lines skipped, 2 of them selected by --status (--verbose lists them)');
		expect(quiet.stderr).toContain('samples.jsonl: 7 entries (2 samples, 5 malformed): 4 accepted, 0 rejected, 0 flagged, 3 undecided.');
		expect(quiet.stderr).not.toMatch(/line 2:/);

		const verbose = runCli(['export', 'samples.jsonl', '--verbose'], {cwd: dir});
		expect(verbose.stdout).toBe(quiet.stdout);
		for (const line of [2, 3, 5, 7, 8]) expect(verbose.stderr).toMatch(new RegExp(`samples\\.jsonl, line ${line}: `));
		expect(verbose.stderr).toContain('line 5: valid JSON but not an object (it is an array)');
		expect(verbose.stderr).not.toMatch(/line [146]:/);
	});

	it('honours --policy: majority by default, unanimous, any, and a lead\'s resolution first', () => {
		const dir = tempDir();
		dataset(dir, 'samples.jsonl', ['{"id":"agree"}', '{"id":"two-one"}', '{"id":"tie"}', '{"id":"resolved"}'].join('\n'));
		writeDecisions(dir, 'samples.jsonl', [
			decision('agree', 'ann', 'accepted'), decision('agree', 'bob', 'accepted'),
			decision('two-one', 'ann', 'accepted'), decision('two-one', 'bob', 'accepted'), decision('two-one', 'cy', 'rejected'),
			decision('tie', 'ann', 'accepted'), decision('tie', 'bob', 'rejected'),
			decision('resolved', 'ann', 'rejected'), decision('resolved', 'bob', 'rejected'), decision('resolved', 'lead', 'accepted', {resolution: true}),
		]);
		const ids = (args: string[]) => runCli(['export', 'samples.jsonl', ...args], {cwd: dir}).stdout.split('\n').filter(Boolean).map(idOf);
		expect(ids([])).toEqual(['agree', 'two-one', 'resolved']);
		expect(ids(['--policy', 'majority'])).toEqual(['agree', 'two-one', 'resolved']);
		expect(ids(['--policy', 'unanimous'])).toEqual(['agree', 'resolved']);
		expect(ids(['--policy', 'any'])).toEqual(['agree', 'two-one', 'tie', 'resolved']);
		expect(ids(['--policy', 'any', '--status', 'rejected'])).toEqual(['two-one', 'tie']);
		expect(ids(['--status', 'undecided'])).toEqual(['tie']);
		expect(runCli(['export', 'samples.jsonl'], {cwd: dir}).stderr).toContain('1 sample is undecided because reviewers disagree (policy majority)');
	});
});

describe('winnow export --annotate', () => {
	it('carries the reasons of a rejection', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('unicode', 'ann', 'rejected', {reasons: ['unsafe', 'other']})]);
		const result = runCli(['export', 'samples.jsonl', '--annotate', '--status', 'rejected'], {cwd: dir});
		const [line] = result.stdout.split('\n').filter(Boolean);
		expect((JSON.parse(line) as {winnow: {decisions: Array<{reasons?: string[]}>}}).winnow.decisions[0].reasons).toEqual(['unsafe', 'other']);
	});

	it('adds a "winnow" key as the last key, keeping every original byte before it', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [
			decision('escaped', 'ann', 'flagged', {categories: ['gender identity', 'age'], note: 'says "nurses are women", twice\nsee line 2'}),
			decision('escaped', 'bob', 'accepted'),
			decision('unicode', 'ann', 'accepted'),
			decision('unicode', 'bob', null),
		]);
		const result = runCli(['export', 'samples.jsonl', '--annotate', '--status', 'accepted,flagged,undecided'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stderr).toContain('annotated under "winnow"');
		const lines = result.stdout.split('\n').filter(Boolean);
		expect(lines).toHaveLength(6);
		for (const [i, line] of lines.entries()) {
			const original = awkward[i];
			expect(line.startsWith(original.slice(0, original.lastIndexOf('}')).trimEnd())).toBe(true);
			expect(() => JSON.parse(line)).not.toThrow();
		}

		const escaped = JSON.parse(lines[3]) as {winnow: unknown};
		expect(escaped.winnow).toEqual({
			id: 'escaped',
			line: 4,
			status: 'undecided',
			conflict: true,
			resolved: false,
			policy: 'majority',
			decisions: [
				{reviewer: 'ann', verdict: 'flagged', categories: ['gender identity', 'age'], note: 'says "nurses are women", twice\nsee line 2', at: expect.any(String), resolution: false},
				{reviewer: 'bob', verdict: 'accepted', categories: [], note: '', at: expect.any(String), resolution: false},
			],
			signals: expect.any(Array),
			signalReasons: expect.any(Object),
			clusters: {duplicate: null, nearDuplicate: null},
		});
		const unicode = JSON.parse(lines[2]) as {winnow: {status: string; decisions: unknown[]}};
		expect(unicode.winnow.status).toBe('accepted');
		expect(unicode.winnow.decisions).toHaveLength(1); // bob's undone decision is not a decision
		const none = JSON.parse(lines[4]) as {winnow: {status: string; decisions: unknown[]; id: string}};
		expect(none.winnow).toMatchObject({status: 'undecided', decisions: [], id: hashId(Buffer.from(awkward[4]))});
	});

	it('handles an empty object and a sample that already has a "winnow" key', () => {
		expect(annotate(Buffer.from('{}'), '1').toString()).toBe('{"winnow":1}');
		expect(annotate(Buffer.from('{ \t}'), '1').toString()).toBe('{ \t"winnow":1}');
		expect(annotate(Buffer.from('{"a":{}} '), '1').toString()).toBe('{"a":{},"winnow":1} ');
		expect(annotate(Buffer.from('{"text":"\\"winnow\\""}'), '1').toString()).toBe('{"text":"\\"winnow\\"","winnow":1}');
		// An own "winnow" key is replaced (the line is re-serialised), never duplicated.
		expect(annotate(Buffer.from('{"winnow": "theirs", "b": 2}'), '{"status":"accepted"}').toString()).toBe('{"winnow":{"status":"accepted"},"b":2}');
		// Re-serialised, its numbers as the line wrote them: an id beyond 2^53 stays that id, 1.0 stays 1.0.
		expect(annotate(Buffer.from('{"id": 9007199254740993, "t": 1.0, "winnow": 1}'), '2').toString()).toBe('{"id":9007199254740993,"t":1.0,"winnow":2}');
	});

	it('joins a multi-line array element onto one line', () => {
		expect(oneLine(Buffer.from('{\r\n "a": 1\r\n}')).toString()).toBe('{ "a": 1}');
		const line = Buffer.from('{"a":"x\\ny"}');
		expect(oneLine(line)).toBe(line);
		// A BOM at the start of a line (files concatenated with cat) is dropped like the file's own.
		expect(oneLine(Buffer.from('\uFEFF{"a":1}')).toString()).toBe('{"a":1}');
	});
});

describe('winnow export --decisions', () => {
	const notes = ['plain', 'with, a comma', 'with "quotes"', 'two\nlines', 'crlf\r\nline', ',"\n', ''];

	function setUp() {
		const dir = tempDir();
		dataset(dir);
		const records = notes.map((note, i) => decision(`s${i}`, i % 2 === 0 ? 'ann' : 'bob, jr', i === 2 ? 'flagged' : 'accepted', {note, categories: i === 2 ? ['race/ethnicity', 'gender identity'] : []}));
		records.push(decision('s0', 'lead', 'rejected', {resolution: true}), decision('s9', 'ann', null));
		writeDecisions(dir, 'samples.jsonl', records);
		return {dir, records};
	}

	it('writes CSV with a header, RFC 4180 quoting of commas, quotes and line breaks, CRLF row ends', () => {
		const {dir} = setUp();
		const result = runCli(['export', 'samples.jsonl', '--decisions', '--format', 'csv'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stderr).toContain('exported 8 decisions as CSV to standard output (1 undone decision left out)');
		const rows = parseCsv(result.stdout);
		expect(rows[0]).toEqual(['sample', 'reviewer', 'verdict', 'categories', 'note', 'at', 'resolution', 'reasons', 'rule']);
		expect(rows).toHaveLength(9);
		expect(rows.slice(1, 8).map(row => row[4])).toEqual(notes);
		expect(rows.slice(1).every(row => row.length === 9)).toBe(true);
		expect(rows[2][1]).toBe('bob, jr');
		expect(rows[3].slice(2, 4)).toEqual(['flagged', 'race/ethnicity;gender identity']);
		expect(rows[8]).toEqual(['s0', 'lead', 'rejected', '', '', expect.stringMatching(/^2024-/), 'true', '', '']);
		expect(result.stdout.startsWith('sample,reviewer,verdict,categories,note,at,resolution,reasons,rule\r\n')).toBe(true);
		expect(result.stdout).toContain('"with ""quotes"""');
	});

	it('writes JSON Lines, one object per decision, with the same fields', () => {
		const {dir, records} = setUp();
		const result = runCli(['export', 'samples.jsonl', '--decisions', '--out', 'decisions.jsonl'], {cwd: dir});
		expect(result.status).toBe(0);
		const rows = readFileSync(join(dir, 'decisions.jsonl'), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
		expect(rows).toHaveLength(8);
		expect(Object.keys(rows[0])).toEqual(['sample', 'reviewer', 'verdict', 'categories', 'note', 'at', 'resolution', 'reasons', 'rule']);
		expect(rows.map(row => row.note)).toEqual([...notes, '']);
		expect(rows[7]).toEqual({...records[7], resolution: true, reasons: [], rule: null});
	});

	it('csvRow quotes only what needs it', () => {
		expect(csvRow(['a', 'b c', ''])).toBe('a,b c,\r\n');
		expect(csvRow(['a,b', 'say "hi"', 'x\ny', 'x\ry'])).toBe('"a,b","say ""hi""","x\ny","x\ry"\r\n');
	});
});

describe('winnow export: bad input', () => {
	it('rejects an unknown --status, --policy or --format with exit 2 and one line', () => {
		const dir = tempDir();
		dataset(dir);
		const cases: Array<[string[], string]> = [
			[['--status', 'approved'], 'unknown --status "approved": use one of accepted, rejected, flagged, undecided, all.'],
			[['--status', 'accepted,maybe'], 'unknown --status "maybe"'],
			[['--policy', 'most'], 'unknown --policy "most": use one of majority, unanimous, any.'],
			[['--decisions', '--format', 'xlsx'], 'unknown --format "xlsx": use one of jsonl, csv.'],
			[['--format', 'csv'], '--format applies to --decisions'],
			[['--decisions', '--annotate'], 'cannot be combined with --decisions'],
			[['--decisions', '--status', 'accepted'], '--status chooses samples'],
			[['--json'], '--json applies to winnow stats'],
		];
		for (const [args, message] of cases) {
			const result = runCli(['export', 'samples.jsonl', ...args], {cwd: dir});
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr).toContain(message);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stdout.length).toBe(0);
		}
	});

	it('refuses --out into a folder that does not exist, or onto a folder', () => {
		const dir = tempDir();
		dataset(dir);
		const missing = runCli(['export', 'samples.jsonl', '--out', 'no/such/folder/accepted.jsonl'], {cwd: dir});
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/cannot write no\/such\/folder\/accepted\.jsonl: the folder .*no\/such\/folder does not exist; create it first/);
		expect(existsSync(join(dir, 'no'))).toBe(false);

		mkdirSync(join(dir, 'out'));
		const folder = runCli(['export', 'samples.jsonl', '--out', 'out'], {cwd: dir});
		expect(folder.status).toBe(2);
		expect(folder.stderr).toContain('--out out is a folder; give a file name');
	});

	it('refuses to write over the dataset or the decisions file, by any path that leads to them', () => {
		const dir = tempDir();
		const data = dataset(dir);
		const before = readFileSync(data);
		const decisionsPath = writeDecisions(dir, 'samples.jsonl', [decision('crlf', 'ann', 'accepted')]);
		const decisionsBefore = readFileSync(decisionsPath);
		mkdirSync(join(dir, 'sub'));
		symlinkSync(data, join(dir, 'link.jsonl'));
		linkSync(data, join(dir, 'sub', 'hard.jsonl'));
		const cases: Array<[string[], string]> = [
			[['--out', 'samples.jsonl'], 'is the dataset'],
			[['--out', './sub/../samples.jsonl'], 'is the dataset'],
			[['--out', data], 'is the dataset'],
			[['--out', 'link.jsonl'], 'is the dataset'],
			[['--out', 'sub/hard.jsonl'], 'is the dataset'],
			[['--out', 'samples.decisions.json'], 'is the decisions file'],
			[['--decisions', '--out', 'samples.decisions.json'], 'is the decisions file'],
			[['--db', 'sub/other.json', '--out', 'sub/other.json'], 'is the decisions file'], // not created yet
		];
		for (const [args, message] of cases) {
			const result = runCli(['export', 'samples.jsonl', ...args], {cwd: dir});
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr).toContain(message);
			expect(result.stderr).toContain('never writes over it');
		}

		expect(readFileSync(data).equals(before)).toBe(true);
		expect(readFileSync(decisionsPath).equals(decisionsBefore)).toBe(true);
		expect(existsSync(join(dir, 'sub/other.json'))).toBe(false);
	});

	it('writes through a link to its target, and into a named pipe (or a device such as /dev/null) without replacing it', async () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('crlf', 'ann', 'accepted')]);
		const expected = runCli(['export', 'samples.jsonl', '--out', 'plain.jsonl'], {cwd: dir});
		expect(expected.status).toBe(0);
		const exported = readFileSync(join(dir, 'plain.jsonl'));
		expect(exported.length).toBeGreaterThan(0);

		writeFileSync(join(dir, 'target.jsonl'), 'old\n');
		symlinkSync('target.jsonl', join(dir, 'link.jsonl'));
		expect(runCli(['export', 'samples.jsonl', '--out', 'link.jsonl'], {cwd: dir}).status).toBe(0);
		expect(lstatSync(join(dir, 'link.jsonl')).isSymbolicLink()).toBe(true);
		expect(readFileSync(join(dir, 'target.jsonl')).equals(exported)).toBe(true);

		// A named pipe stands for any file that is not a regular one: renaming a file over it would
		// replace it (as root, over /dev/null, for the whole machine).
		expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
		const reader = spawn('cat', [join(dir, 'pipe')]);
		const chunks: Buffer[] = [];
		reader.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		const read = new Promise(resolve => {
			reader.on('close', resolve);
		});
		const result = await runCliAsync(['export', 'samples.jsonl', '--out', 'pipe'], {cwd: dir});
		await read;
		expect(result.status, result.stderr).toBe(0);
		expect(Buffer.concat(chunks).equals(exported)).toBe(true);
		expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
	});

	it('names a missing, empty, binary or non-JSONL dataset and a corrupt decisions file in one line', () => {
		const dir = tempDir();
		const cases: Array<[string, string | Buffer | undefined, RegExp]> = [
			['missing.jsonl', undefined, /missing\.jsonl: no such file/],
			['empty.jsonl', '', /empty\.jsonl is empty: there are no samples/],
			['blank.jsonl', '\n\n  \n', /blank\.jsonl holds only blank lines/],
			['binary.jsonl', Buffer.from([0x00, 0x01, 0x02, 0x7b, 0x00, 0x0a]), /binary\.jsonl looks like a binary file/],
			['prose.jsonl', 'Dear reader,\nthis is a letter.\n', /prose\.jsonl does not look like JSON Lines: none of its first 2 lines is valid JSON \(line 1: not valid JSON/],
			['cut.json', '[{"id":"a"},{"id":"b"', /cut\.json, line 1: the top-level array is not closed/],
		];
		for (const [name, content, message] of cases) {
			if (content !== undefined) writeFileSync(join(dir, name), content);
			const result = runCli(['export', name, '--out', 'out.jsonl'], {cwd: dir});
			expect(result.status, name).toBe(1);
			expect(result.stderr).toMatch(message);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
			expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
			expect(readdirSync(dir).filter(file => file.endsWith('.tmp'))).toEqual([]);
		}

		dataset(dir);
		writeFileSync(join(dir, 'samples.decisions.json'), '{"schema":1,"decisions":[');
		const corrupt = runCli(['export', 'samples.jsonl', '--out', 'out.jsonl'], {cwd: dir});
		expect(corrupt.status).toBe(1);
		expect(corrupt.stderr).toMatch(/samples\.decisions\.json is not valid JSON/);
		expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
	});

	it('stops quietly when the reader of standard output goes away', () => {
		const dir = tempDir();
		const lines = Array.from({length: 20_000}, (_, i) => `{"id":"s${i}","text":"${'x'.repeat(200)}"}`);
		dataset(dir, 'samples.jsonl', lines.join('\n'));
		const result = runCli(['export', 'samples.jsonl', '--status', 'undecided'], {cwd: dir});
		expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(20_000);
		// With a pipe closed early (head -c), the export ends without an error message.
		const piped = spawnShell(`node '${cliPath}' export samples.jsonl --status undecided | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}"`, dir);
		expect(piped.stdout).toContain('exit 0');
		expect(piped.stderr).not.toContain('unexpected error');
	});
});

function spawnShell(command: string, cwd: string) {
	const result = spawnSync('bash', ['-c', command], {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {stdout: result.stdout, stderr: result.stderr};
}

/** A small RFC 4180 reader, to check what a spreadsheet or pandas would read back. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') {
				quoted = false;
			} else {
				cell += c;
			}
		} else if (c === '"') {
			quoted = true;
		} else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else {
			cell += c;
		}
	}

	if (cell !== '' || row.length > 0) rows.push([...row, cell]);
	return rows;
}
