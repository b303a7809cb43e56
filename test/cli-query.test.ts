// The command line around the query language, as a new user meets it: field names in any script
// or in quotes, a forgotten --where value, unknown commands and options, decide on lines that share an id.
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from './helpers/temp.js';
import {runCli} from './helpers/cli-run.js';

const tempDir = useTempDir();

function write(lines: unknown[]): string {
	const dir = tempDir();
	writeFileSync(join(dir, 'data.jsonl'), lines.map(line => JSON.stringify(line)).join('\n') + '\n');
	return dir;
}

const samples = [
	{id: 1, prompt: 'Bonjour', completion: 'Salut', méta: {langue: 'fr'}, 语言: '法语', temperature: 1, harm: {'Economic Crime': true}},
	{id: 2, prompt: 'Hello', completion: 'Hi', méta: {langue: 'en'}, 语言: '英语', temperature: 0.5, harm: {'Economic Crime': false}},
	{id: 3, prompt: 'Hallo', completion: 'Tag', méta: {langue: 'de'}, 语言: '德语', temperature: 0.5, harm: {'Economic Crime': false}},
];

describe('field names on the command line', () => {
	it('counts by a field named in any script or in quotes, and a number as a number', () => {
		const dir = write(samples);
		for (const [where, n] of [['méta.langue:fr', 1], ['语言:法语', 1], ['-méta.langue:fr', 2], ['"harm.Economic Crime":true', 1], ['temperature:1.0', 1], ["méta.langue:'de'", 1]] as const) {
			const result = runCli(['stats', 'data.jsonl', '--json', '--where', where], {cwd: dir});
			expect(result.stderr, where).toBe('');
			expect((JSON.parse(result.stdout) as {samples: {total: number}}).samples.total, where).toBe(n);
		}
	});

	it('decide refuses a field no sample has, named in any script, rather than deciding every sample', () => {
		const dir = write(samples);
		const result = runCli(['decide', 'data.jsonl', '--where', '-métа.langue:fr', '--verdict', 'rejected'], {cwd: dir});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('has a field "métа.langue" (did you mean méta.langue?)');
		expect(result.stderr).toContain('Nothing was decided.');
		const dry = runCli(['decide', 'data.jsonl', '--where', '-méta.langue:fr', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(dry.stdout).toContain("dry run: 2 samples match '-méta.langue:fr';");
	});

	it('stats --by takes the quoted spelling', () => {
		const dir = write(samples);
		const json = JSON.parse(runCli(['stats', 'data.jsonl', '--json', '--by', '"harm.Economic Crime"'], {cwd: dir}).stdout) as {by: {groups: Array<{value: string; samples: number}>}};
		expect(json.by.groups.map(({value, samples}) => [value, samples])).toEqual([['false', 2], ['true', 1]]);
	});
});

describe('loose command lines are refused with one sentence', () => {
	it('an empty --where (no value, "--", blanks) is refused, not run unfiltered', () => {
		const dir = write(samples);
		for (const args of [['--where'], ['--where', '--'], ['--where', ''], ['--where', '   ']]) {
			const result = runCli(['stats', 'data.jsonl', ...args], {cwd: dir});
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.trimEnd()).toBe('winnow: --where is empty: give it a query, as in --where \'model:gpt-4o\' (README: The query language).');
		}
	});

	it('names an unknown command as a command, and guesses at a misspelt option', () => {
		const dir = write(samples);
		expect(runCli(['frobnicate', 'data.jsonl'], {cwd: dir}).stderr).toContain('unknown command "frobnicate": the commands are export, stats, decide, review, db');
		expect(runCli(['statz', 'data.jsonl'], {cwd: dir}).stderr).toContain('unknown command "statz": did you mean winnow stats data.jsonl?');
		const option = runCli(['export', 'data.jsonl', '--statuss', 'accepted'], {cwd: dir});
		expect(option.status).toBe(2);
		expect(option.stderr.trimEnd()).toBe('winnow: unknown option --statuss: did you mean --status? (winnow --help lists the options).');
		// A one-letter option: the long one it starts, not the nearest by spelling (-w is not --db).
		expect(runCli(['stats', 'data.jsonl', '-w', 'x'], {cwd: dir}).stderr.trimEnd()).toBe('winnow: unknown option -w: did you mean --where? (winnow --help lists the options).');
	});
});

describe('--db of an unknown scheme', () => {
	it('is refused, not taken for a decisions file of that name (everything would read as undecided)', () => {
		const dir = write(samples);
		for (const [db, hint] of [['postgress://postgres@127.0.0.1:5432/test', ' (is postgres:// misspelt?)'], ['mysql://x/y', '']] as const) {
			const result = runCli(['export', 'data.jsonl', '--status', 'undecided', '--db', db], {cwd: dir});
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.trimEnd()).toBe(`winnow: --db ${db.split(':')[0]}://… is not a database winnow knows: give a decisions file's path or a postgres:// (postgresql://) URL${hint}.`);
		}

		const fromEnvironment = runCli(['stats', 'data.jsonl'], {cwd: dir, env: {WINNOW_DB: 'postgre://db/x'}});
		expect(fromEnvironment.stderr).toContain('WINNOW_DB postgre://… is not a database winnow knows');
		// A plain path still is one.
		expect(runCli(['stats', 'data.jsonl', '--db', 'round1.json'], {cwd: dir}).status).toBe(0);
		// A file:// URL names a decisions file.
		const decided = runCli(['decide', 'data.jsonl', '--where', 'id:1', '--verdict', 'accepted', '--reviewer', 'ann', '--db', `file://${dir}/by-url.json`], {cwd: dir});
		expect(decided.status, decided.stderr).toBe(0);
		expect(existsSync(join(dir, 'by-url.json'))).toBe(true);
		expect(JSON.parse(runCli(['stats', 'data.jsonl', '--json', '--db', `file://${dir}/by-url.json`], {cwd: dir}).stdout).status.accepted).toBe(1);
		// One naming another machine is not a path here.
		const remote = runCli(['stats', 'data.jsonl', '--db', 'file://fileserver/share/d.json'], {cwd: dir});
		expect(remote.status).toBe(2);
		expect(remote.stderr.trimEnd()).toBe("winnow: --db file://fileserver/share/d.json is not a file URL winnow can read: give the decisions file's path (file:///path/to/decisions.json, or the path itself).");
	});
});

describe('decide on lines that share an id', () => {
	it('says the lines share an id field, not that they are the same bytes', () => {
		const dir = write([{id: 1, lang: 'en'}, {id: 3, lang: 'th'}, {id: 3, lang: 'zh'}]);
		const result = runCli(['decide', 'data.jsonl', '--where', 'lang:th', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(result.stdout).toContain('1 sample would be left alone: lines 2 and 3 share the id 3, and the query matches line 2, not line 3');
		expect(result.stdout).not.toContain('byte-for-byte');
		const same = write([{lang: 'th'}, {lang: 'th'}, {lang: 'en'}]);
		const identical = runCli(['decide', 'data.jsonl', '--where', 'lang:th', '--verdict', 'rejected', '--dry-run'], {cwd: same});
		// Two identical lines are one sample by their hash: decide counts the lines and says they share one decision.
		expect(identical.stdout).toContain('2 samples match \'lang:th\' (1 id among them: lines with one id share one decision); would mark 2 samples rejected');
	});
});
