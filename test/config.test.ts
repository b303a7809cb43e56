import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../source/config/errors.js';
import {loadProjectConfig, parseConfig} from '../source/config/load-config.js';
import {defaultReasons} from '../source/config/schema.js';
import {defaultCategories} from '../source/review/categories.js';
import {defaultBindings} from '../source/review/bindings.js';
import {defaultSignalConfig} from '../source/dataset/signals/index.js';
import {useTempDir} from './helpers/temp.js';
import {runCli} from './helpers/cli-run.js';

const tempDir = useTempDir();

function problemsOf(text: string, path = '/p/winnow.config.json'): string[] {
	try {
		parseConfig(text, path);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}

	throw new Error('no error');
}

describe('project config: validation', () => {
	it('fills in every default when there is no file', () => {
		const dir = tempDir();
		const config = loadProjectConfig(join(dir, 'data.jsonl'));
		expect(config).toEqual({path: undefined, categories: defaultCategories, reasons: [...defaultReasons], requireReason: false, guidelines: undefined, keys: {}, bindings: defaultBindings, mode: undefined, signals: defaultSignalConfig});
	});

	it('reads every field, resolving guidelines against the config file\'s folder', () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'project'));
		writeFileSync(join(dir, 'project', 'GUIDE.md'), '# How to review\n');
		const path = join(dir, 'project', 'winnow.config.json');
		writeFileSync(path, JSON.stringify({
			$schema: 'ignored',
			categories: ['tone', ' stereotype '],
			reasons: ['wrong', 'unsafe'],
			requireReason: true,
			guidelines: 'GUIDE.md',
			keys: {accept: 'A', reject: ['x', 'z']},
			mode: 'overlap',
			signals: {nearDuplicate: {threshold: 0.9}, disabled: ['length-outlier']},
		}));
		const config = loadProjectConfig(join(dir, 'data.jsonl'), path);
		expect(config).toMatchObject({
			path,
			categories: ['tone', 'stereotype'],
			reasons: ['wrong', 'unsafe'],
			requireReason: true,
			guidelines: join(dir, 'project', 'GUIDE.md'),
			keys: {accept: 'A', reject: ['x', 'z']},
			mode: 'overlap',
			signals: {nearDuplicate: {threshold: 0.9, shingleWords: 5}, disabled: ['length-outlier']},
		});
		expect(config.bindings.find(binding => binding.name === 'accept')!.keys).toEqual(['A']);
		expect(config.bindings.find(binding => binding.name === 'reject')!.keys).toEqual(['x', 'z']);
	});

	it('says what is wrong with each bad field, naming the file and the field', () => {
		const problems = problemsOf(JSON.stringify({
			categories: 'age',
			reasons: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
			requireReason: 'yes',
			guidelines: 'missing.md',
			keys: {accept: 3},
			mode: 'solo',
			signals: [],
			reason: [],
		}));
		expect(problems).toEqual([
			'/p/winnow.config.json: unknown field "reason" (did you mean "reasons"?); the fields are categories, reasons, requireReason, guidelines, keys, mode, signals.',
			'/p/winnow.config.json: "categories" must be a list of category names, e.g. ["age", "gender identity", "other"], not "age".',
			'/p/winnow.config.json: "reasons" has 10 reasons; at most 9 (one digit key each).',
			'/p/winnow.config.json: "requireReason" must be true or false, not "yes".',
			'/p/winnow.config.json: "guidelines" names missing.md, which does not exist (looked for /p/missing.md); the path is relative to the config file.',
			'/p/winnow.config.json: "keys" gives "accept" the number 3; each action takes a key ("a") or a list of keys (["r", "x"]).',
			'/p/winnow.config.json: "mode" must be "split" or "overlap", not "solo".',
			'/p/winnow.config.json: "signals" must be an object of signal settings, e.g. {"nearDuplicate": {"threshold": 0.85}}, not an empty list.',
		]);
		expect(problemsOf('{"categories": ["age", "Age"]}')).toEqual(['/p/winnow.config.json: "categories" names "Age" twice; each category once.']);
		// The keys and signals sections are checked by the review screen's binding table and the signal engine.
		expect(problemsOf('{"keys": {"accept": "r"}, "signals": {"nearDuplicate": {"threshold": 2}}}')).toEqual([
			expect.stringMatching(/^\/p\/winnow\.config\.json: Key "r" is given to both /),
			expect.stringMatching(/^\/p\/winnow\.config\.json: signals\.nearDuplicate\.threshold /),
		]);
		expect(problemsOf('{"keys": {"acept": "y"}}')).toEqual([expect.stringMatching(/^\/p\/winnow\.config\.json: "keys" names an action winnow does not have, "acept"/)]);
		expect(problemsOf('[1]')).toEqual(['/p/winnow.config.json: expected a JSON object such as {"categories": ["age", "other"]}, not a list with something other than non-empty text in it.']);
	});

	it('names the line and column of a JSON mistake', () => {
		expect(problemsOf('{\n  "categories": ["age",]\n}')).toEqual(['/p/winnow.config.json is not valid JSON at line 2, column 24: expected a value, found "]" (no comma before a closing bracket).']);
		expect(problemsOf('{\n  "mode": "split"\n  "keys": {}\n}')).toEqual(['/p/winnow.config.json is not valid JSON at line 3, column 3: expected "," or "}", found """.']);
		expect(problemsOf('{"mode": split}')).toEqual(['/p/winnow.config.json is not valid JSON at line 1, column 10: expected a value (text in double quotes, a number, true, false, null, a list or an object), found "s".']);
		expect(problemsOf('{"mode": "split",}')).toEqual(['/p/winnow.config.json is not valid JSON at line 1, column 18: expected a field name in double quotes, found "}" (no comma before a closing brace).']);
	});

	it('--config must name a file that exists', () => {
		const dir = tempDir();
		expect(() => loadProjectConfig(join(dir, 'd.jsonl'), join(dir, 'nope.json'))).toThrow(/nope\.json \(given with --config\) does not exist/);
		expect(() => loadProjectConfig(join(dir, 'd.jsonl'), dir)).toThrow(/is a folder/);
	});
});

describe('project config: every command reads it', () => {
	function setUp(config: unknown) {
		const dir = tempDir();
		writeFileSync(join(dir, 'samples.jsonl'), '{"id":"a","text":"one","model":"m"}\n{"id":"b","text":"two","model":"m"}\n');
		writeFileSync(join(dir, 'winnow.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
		return dir;
	}

	it('a bad config stops stats, export and decide with one line per bad field and exit 2', () => {
		const dir = setUp({mode: 'solo', categories: []});
		for (const args of [['stats', 'samples.jsonl'], ['export', 'samples.jsonl'], ['decide', 'samples.jsonl', '--where', 'model:m', '--verdict', 'accepted']]) {
			const result = runCli(args, {cwd: dir});
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.trimEnd().split('\n')).toEqual([
				expect.stringMatching(/^winnow: .*winnow\.config\.json: "categories" must be a list of category names/),
				expect.stringMatching(/^winnow: .*winnow\.config\.json: "mode" must be "split" or "overlap", not "solo"\.$/),
			]);
		}
	});

	it('decide takes categories and reasons from the config, and requires a reason when it says so', () => {
		const dir = setUp({categories: ['tone', 'stereotype'], reasons: ['wrong', 'rude'], requireReason: true});
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:m', '--verdict', 'flagged', '--category', 'age'], {cwd: dir}).stderr).toContain('unknown --category "age": the project\'s categories are tone, stereotype');
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:m', '--verdict', 'rejected'], {cwd: dir}).stderr).toContain('this project requires a reason for every rejection (requireReason in samples/winnow.config.json'.replace('samples/', ''));
		const flagged = runCli(['decide', 'samples.jsonl', '--where', 'text:x|one', '--verdict', 'flagged', '--category', 'STEREOTYPE'], {cwd: dir});
		expect(flagged.status).toBe(0);
		expect(flagged.stdout).toContain('marked 1 sample flagged (stereotype)');
		const rejected = runCli(['decide', 'samples.jsonl', '--where', 'two', '--verdict', 'rejected', '--reason', 'rude'], {cwd: dir});
		expect(rejected.stdout).toContain('marked 1 sample rejected (rude)');
	});

	it('--config FILE is read instead of the one beside the dataset', () => {
		const dir = setUp('{ not json');
		writeFileSync(join(dir, 'other.json'), JSON.stringify({reasons: ['spam']}));
		expect(runCli(['stats', 'samples.jsonl'], {cwd: dir}).stderr).toMatch(/winnow\.config\.json is not valid JSON at line 1, column 3: expected a field name in double quotes, found "n"/);
		const result = runCli(['decide', 'samples.jsonl', '--config', 'other.json', '--where', 'one', '--verdict', 'rejected', '--reason', 'spam'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('rejected (spam)');
	});
});

describe('project config: the review screen reads it', () => {
	it('offers the config file\'s bias categories in the b picker and flags with them', async () => {
		const {PtySession, keys} = await import('./helpers/pty-process.js');
		const dir = tempDir();
		writeFileSync(join(dir, 'samples.jsonl'), '{"id":"a","text":"first sample"}\n{"id":"b","text":"second sample"}\n');
		writeFileSync(join(dir, 'winnow.config.json'), JSON.stringify({categories: ['tone', 'stereotype about jobs']}));
		const session = new PtySession([join(dir, 'samples.jsonl')]);
		await session.waitFor('first sample');
		await session.press('b');
		await session.waitFor('stereotype about jobs');
		await session.press('2', keys.enter);
		await session.waitFor('second sample');
		await session.press('q');
		expect(await session.waitExit()).toBe(0);
		const file = JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{verdict: string; categories: string[]}>};
		expect(file.decisions).toMatchObject([{verdict: 'flagged', categories: ['stereotype about jobs']}]);
	});
});
