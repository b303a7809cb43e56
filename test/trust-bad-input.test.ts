// Bad input, end to end: the built CLI refuses what it cannot use with one sentence naming the
// file (no stack trace, non-zero exit, nothing written), and opens what it can (BOM, CRLF, no final
// newline, malformed lines, invalid UTF-8, NUL bytes, deep nesting, duplicate ids) showing the
// problem on screen.
import {chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, runInPty, cliPath} from './helpers/cli-run.js';
import {expectOneSentence} from './helpers/one-sentence.js';
import {PtyProcess} from './helpers/pty-process.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();
const openScreen = useReviewScreen();

// For concurrent tests: folders removed after each test would be pulled from under tests still
// running. These go at the end of the file's run.
const concurrentDir = useTempDir('file');

const good = (n = 3) => Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`})).join('\n') + '\n';

/** A decisions file for samples.jsonl, as winnow writes it. */
const decisionsFile = (decisions = [{sample: 's1', reviewer: 'tester', verdict: 'accepted', categories: [], note: '', at: '2026-01-01T00:00:00.000Z'}], schema = 1) =>
	JSON.stringify({schema, dataset: 'samples.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions}, null, 2);

/** Everything in the folder, by name, with its bytes: to show that a refusal wrote nothing. */
function snapshot(dir: string): Record<string, string> {
	const files: Record<string, string> = {};
	for (const name of spawnSync('ls', ['-A', dir], {encoding: 'utf8'}).stdout.split('\n').filter(Boolean)) {
		const path = join(dir, name);
		files[name] = statSync(path).isDirectory() ? '<dir>' : readFileSync(path).toString('base64');
	}

	return files;
}

const canSetpriv = process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

describe('the CLI refuses what it cannot review, in one sentence naming the file', () => {
	type Case = {what: string; make: (dir: string) => string[]; mentions: Array<string | RegExp>; code?: number; env?: Record<string, string>};
	const cases: Case[] = [
		{what: 'a missing file', make: dir => [join(dir, 'missing.jsonl')], mentions: ['missing.jsonl', 'no such file']},
		{what: 'a directory', make: dir => {
			mkdirSync(join(dir, 'folder.jsonl'));
			return [join(dir, 'folder.jsonl')];
		}, mentions: ['folder.jsonl', 'is a directory']},
		{what: 'an empty file', make: dir => [writeFile(dir, 'samples.jsonl', '')], mentions: ['samples.jsonl', 'empty']},
		{what: 'a file of blank lines only', make: dir => [writeFile(dir, 'samples.jsonl', '\n\n   \n\t\n\r\n')], mentions: ['samples.jsonl', 'only blank lines']},
		{what: 'a BOM and nothing else', make: dir => [writeFile(dir, 'samples.jsonl', '\uFEFF\n')], mentions: ['samples.jsonl', /blank|empty/]},
		{what: 'a binary file (NUL bytes)', make: dir => [writeFile(dir, 'samples.jsonl', Buffer.from([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0x0A, 0, 0xFF, 0xFE]))], mentions: ['samples.jsonl', 'binary']},
		{what: 'a gzip file', make: dir => [writeFile(dir, 'samples.jsonl', Buffer.from('1f8b0800000000000003cb48cdc9c95728cf2fca490100c2a99ae70d000000', 'hex'))], mentions: ['samples.jsonl', /binary|JSON Lines/]},
		{what: 'prose, not JSON Lines', make: dir => [writeFile(dir, 'samples.jsonl', 'Dear reviewer,\nthis is a letter.\n')], mentions: ['samples.jsonl', 'does not look like JSON Lines', 'line 1']},
		{what: 'a corrupt decisions file (cut off mid-write)', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', decisionsFile().slice(0, 80))], mentions: ['samples.decisions.json', 'not valid JSON', 'will not overwrite']},
		{what: 'an empty decisions file', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', '')], mentions: ['samples.decisions.json', 'not valid JSON']},
		{what: 'a decisions file that is other JSON', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', '{"hello": "world"}')], mentions: ['samples.decisions.json', 'not a winnow decisions file']},
		{what: 'a decisions file with a malformed decision', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', decisionsFile([{sample: 's1'} as never]))], mentions: ['samples.decisions.json', 'line 6: decision 1 has no "reviewer"']},
		{what: 'a read-only decisions file (chmod 444)', make: dir => {
			const db = writeFile(dir, 'samples.decisions.json', decisionsFile());
			chmodSync(db, 0o444);
			return [writeFile(dir, 'samples.jsonl', good()), '--db', db];
		}, mentions: ['samples.decisions.json', 'read-only', 'chmod u+w']},
		{what: 'a named pipe as the dataset', make: dir => {
			// In a folder of its own: the test's snapshot of the folder would block reading a FIFO.
			mkdirSync(join(dir, 'pipes'));
			spawnSync('mkfifo', [join(dir, 'pipes', 'pipe.jsonl')]);
			return [join(dir, 'pipes', 'pipe.jsonl')];
		}, mentions: ['pipe.jsonl', 'not a regular file']},
		{what: 'a device as the dataset', make: () => ['/dev/zero'], mentions: ['/dev/zero', 'not a regular file']},
		{what: 'a lock that is a plain file', make: dir => {
			writeFile(dir, 'samples.decisions.json.lock', 'x');
			return [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', decisionsFile())];
		}, mentions: ['samples.decisions.json.lock', 'is a file, not winnow\'s lock folder', 'rm -r']},
		{what: 'a decisions file of binary garbage', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', Buffer.from([0, 1, 2, 0xFF, 0xFE, 0x7B]))], mentions: ['samples.decisions.json', 'not valid JSON']},
		{what: 'a decisions file from a newer winnow', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', decisionsFile(undefined, 2))], mentions: ['samples.decisions.json', 'newer winnow', 'upgrade']},
		{what: 'a decisions file of another dataset', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', writeFile(dir, 'samples.decisions.json', decisionsFile().replace('"samples.jsonl"', '"other.jsonl"'))], mentions: ['samples.decisions.json', 'other.jsonl']},
		{what: 'a decisions file that is a directory', make: dir => {
			mkdirSync(join(dir, 'samples.decisions.json'));
			return [writeFile(dir, 'samples.jsonl', good())];
		}, mentions: ['samples.decisions.json', 'is a directory']},
		{what: 'a decisions file where no file can be made (/proc)', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', `/proc/winnow-${process.pid}.decisions.json`], mentions: ['/proc/winnow-', 'cannot be written', '--db']},
		{what: 'a decisions file under a path that is a regular file', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', join(writeFile(dir, 'plain-file', 'x'), 'samples.decisions.json')], mentions: ['plain-file/samples.decisions.json', /cannot be (read|written)/]},
		{what: 'a decisions file in a folder that does not exist', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', join(dir, 'no', 'such', 'd.json')], mentions: ['no/such/d.json', 'cannot be written', 'no such folder']},
		{what: 'TERM=dumb', make: dir => [writeFile(dir, 'samples.jsonl', good())], env: {TERM: 'dumb'}, code: 2, mentions: ['TERM=dumb', 'winnow export', 'winnow stats']},
		{what: 'the dataset as its own decisions file', make: dir => [writeFile(dir, 'samples.jsonl', good()), '--db', join(dir, 'samples.jsonl')], code: 2, mentions: ['--db']},
	];

	for (const {what, make, mentions, code, env} of cases) {
		it.concurrent(`${what}: exit ${code ?? 1}, one sentence, nothing written`, async () => {
			const dir = concurrentDir();
			const args = make(dir);
			const before = snapshot(dir);
			const {code: exit, output} = await runInPty(args, {env});
			expectOneSentence(output, ...mentions);
			expect(exit).toBe(code ?? 1);
			// Nothing created, nothing changed: a damaged decisions file stays byte for byte.
			expect(snapshot(dir)).toEqual(before);
		});
	}

	it.skipIf(!canSetpriv)('a decisions file in a folder the reviewer may not write (run as nobody)', async () => {
		const dir = tempDir();
		chmodSync(dir, 0o755);
		const dataset = writeFile(dir, 'samples.jsonl', good());
		const readOnly = join(dir, 'shared');
		mkdirSync(readOnly, {mode: 0o555});
		chmodSync(readOnly, 0o555);
		const existing = writeFile(readOnly, 'samples.decisions.json', decisionsFile());
		chmodSync(existing, 0o444);
		const session = new PtyProcess('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, dataset, '--db', existing], {env: {HOME: '/'}});
		const exit = await session.waitExit();
		expectOneSentence(session.output.replaceAll('\r', ''), 'shared/samples.decisions.json', 'cannot be written (permission denied)', '--db');
		expect(exit).toBe(1);
		expect(readFileSync(existing, 'utf8')).toBe(decisionsFile());
	});

	it('names a file with escape sequences in it with placeholders, never raw', async () => {
		const dir = tempDir();
		const evil = join(dir, 'x\u001B]52;c;ZXZpbA==\u0007\u001B[2J\u009B6n\u202E.jsonl');
		const {code, output} = await runInPty([evil]);
		expect(code).toBe(1);
		expectOneSentence(output, 'x␛]52;c;ZXZpbA==␇␛[2J⟨U+009B⟩6n⟨U+202E⟩.jsonl', 'no such file');
		expect(output).not.toMatch(/\u001B\]52|\u001B\[2J|\u009B|\u202E/);
	});
});

describe('command-line mistakes: one sentence, exit 2, no stack trace', () => {
	const mistakes: Array<[string, string[], Array<string | RegExp>]> = [
		['an unknown flag', ['--frobnicate', 'x.jsonl'], ['--frobnicate', '--help']],
		['an unknown short flag', ['-z', 'x.jsonl'], ['-z']],
		['an unknown flag with a value', ['--colour=never', 'x.jsonl'], ['--colour=never']],
		['a misspelt flag', ['x.jsonl', '--reveiwer', 'bob'], ['--reveiwer']],
		['an unknown flag after export', ['export', 'x.jsonl', '--outt', 'y.jsonl'], ['--outt']],
		['an unknown flag after stats', ['stats', 'x.jsonl', '--jsn'], ['--jsn']],
		['no dataset', [], ['no dataset given', 'winnow data.jsonl']],
		['no dataset for export', ['export'], ['no dataset given', 'winnow export data.jsonl']],
		['a misspelt command', ['exprot', 'x.jsonl'], ['unknown command "exprot"', 'winnow export x.jsonl']],
		['another misspelt command', ['stat', 'x.jsonl'], ['unknown command "stat"', 'winnow stats x.jsonl']],
		['two datasets', ['a.jsonl', 'b.jsonl'], ['b.jsonl']],
		['an unknown --mode', ['x.jsonl', '--mode', 'both'], ['--mode', 'both']],
		['an empty --categories', ['x.jsonl', '--categories', ' , '], ['--categories']],
		['an escape sequence in an unknown flag', ['--x\u001B]52;c;ZXZpbA==\u0007', 'x.jsonl'], ['--x␛]52;c;ZXZpbA==␇']],
		['an escape sequence in an extra argument', ['a.jsonl', 'b\u001B[2J\u009B6n.jsonl'], ['b␛[2J⟨U+009B⟩6n.jsonl']],
	];
	for (const [what, args, mentions] of mistakes) {
		it(what, () => {
			const {status, stderr, stdout} = runCli(args);
			expect(status).toBe(2);
			expect(stdout).toBe('');
			expectOneSentence(stderr, ...mentions);
			expect(stderr).not.toMatch(/\u001B|\u009B/);
		});
	}

	it('review without a terminal says to use export or stats', () => {
		const dir = tempDir();
		const {status, stderr} = runCli([writeFile(dir, 'samples.jsonl', good())]);
		expect(status).toBe(2);
		expectOneSentence(stderr, 'needs a terminal', 'winnow export');
		expect(existsSync(join(dir, 'samples.decisions.json'))).toBe(false);
	});

	it('review of a missing file without a terminal says the file is missing, not that a terminal is needed', () => {
		const dir = tempDir();
		const {status, stderr} = runCli([join(dir, 'nope.jsonl')]);
		expect(status).toBe(1);
		expectOneSentence(stderr, 'nope.jsonl', 'no such file');
		expect(stderr).not.toMatch(/terminal/);
	});
});

describe('inputs that open, with the problem shown on screen', () => {
	it('a UTF-8 BOM, CRLF line endings, blank lines between samples and no final newline', async () => {
		const content = '\uFEFF{"id":"s1","text":"first"}\r\n\r\n{"id":"s2","text":"second"}\r\n   \r\n{"text":"third, no id"}';
		const screen = await openScreen(content);
		try {
			expect(screen.dataset.count).toBe(3);
			expect(screen.frame()).toMatch(/1\/3 id s1 · text · line 1/);
			expect(screen.frame()).toContain('first');
			expect(screen.frame()).not.toMatch(/␍|⟨U\+FEFF⟩|malformed/);
			await screen.type('l');
			expect(screen.frame()).toMatch(/2\/3 id s2 · text · line 3/);
			await screen.type('l');
			expect(screen.frame()).toMatch(/3\/3 id sha1:[\da-f]{16} · text · line 5/);
			expect(screen.frame()).toContain('third, no id');
			await screen.type('a');
			expect(screen.store.get(screen.dataset.idOf(2), 'tester')?.verdict).toBe('accepted');
		} finally {
			await screen.close();
		}
	});

	it('the same lines with LF or CRLF endings, with or without BOM, get the same ids', async () => {
		const lines = ['{"text":"no id here"}', '{"prompt":"p","completion":"c"}', '{"id":"kept","text":"x"}'];
		const ids: string[][] = [];
		for (const content of [lines.join('\n') + '\n', lines.join('\r\n') + '\r\n', '\uFEFF' + lines.join('\r\n'), lines.join('\n')]) {
			const screen = await openScreen(content);
			ids.push(Array.from({length: screen.dataset.count}, (_, i) => screen.dataset.idOf(i)));
			await screen.close();
		}

		expect(ids[1]).toEqual(ids[0]);
		expect(ids[2]).toEqual(ids[0]);
		expect(ids[3]).toEqual(ids[0]);
	});

	it('a line that is JSON but not an object is shown as malformed, with its line and why, and can be decided', async () => {
		const screen = await openScreen('{"id":"s1","text":"ok"}\n[1, 2, 3]\n"a string"\n42\nnull\n');
		try {
			for (const [line, kind] of [[2, 'an array'], [3, 'a string'], [4, 'a number'], [5, 'null']] as const) {
				await screen.type('l');
				expect(screen.frame()).toMatch(new RegExp(`malformed · line ${line}`));
				expect(screen.frame()).toContain(`line ${line}: valid JSON but not an object (it is ${kind})`);
			}

			await screen.type('r');
			expect(screen.store.get(screen.dataset.idOf(4), 'tester')?.verdict).toBe('rejected');
		} finally {
			await screen.close();
		}
	});

	it('a line that is not valid JSON shows the parse error and the raw text', async () => {
		const screen = await openScreen('{"id":"s1","text":"ok"}\n{"id": "s2", "text": "cut off\n');
		try {
			await screen.type('l');
			expect(screen.frame()).toMatch(/line 2: not valid JSON \(/);
			expect(screen.frame()).toContain('{"id": "s2", "text": "cut off');
		} finally {
			await screen.close();
		}
	});

	it('invalid UTF-8 is shown as such, the bad bytes as U+FFFD, and the sample can be decided', async () => {
		const content = Buffer.concat([Buffer.from('{"id":"s1","text":"ok"}\n{"id":"s2","text":"caf'), Buffer.from([0xE9, 0x20, 0xC3, 0x28, 0xFF]), Buffer.from('"}\n')]);
		const screen = await openScreen(content);
		try {
			await screen.type('l');
			expect(screen.frame()).toContain('line 2: not valid UTF-8');
			expect(screen.frame()).toContain('caf\uFFFD \uFFFD(\uFFFD');
			await screen.type('x');
			expect(screen.store.get(screen.dataset.idOf(1), 'tester')?.verdict).toBe('rejected');
		} finally {
			await screen.close();
		}
	});

	it('NUL bytes and other binary inside a later line show as placeholders', async () => {
		const content = Buffer.concat([Buffer.from('{"id":"s1","text":"ok"}\n{"id":"s2","text":"a'), Buffer.from([0, 1, 0x1B, 0x7F, 0x9B]), Buffer.from('b"}\n{"id":"s3","text":"after"}\n')]);
		const screen = await openScreen(content);
		try {
			expect(screen.dataset.count).toBe(3);
			await screen.type('l');
			expect(screen.frame()).toContain('line 2: not valid');
			expect(screen.frame()).toContain('a␀␁␛␡');
			await screen.type('l');
			expect(screen.frame()).toContain('after');
		} finally {
			await screen.close();
		}
	});

	it('10,000 levels of nesting: shown without a stack overflow, quickly', async () => {
		const depth = 10_000;
		const arrays = '['.repeat(depth) + ']'.repeat(depth);
		const objects = `{"id":"deep","x":${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}}`;
		const mixed = `{"id":"mixed","messages":[{"role":"user","content":${'[{"type":"x","v":'.repeat(depth)}1${'}]'.repeat(depth)}}]}`;
		const started = Date.now();
		const screen = await openScreen(`{"id":"s1","text":"ok"}\n${arrays}\n${objects}\n${mixed}\n`);
		try {
			await screen.type('l');
			expect(screen.frame()).toContain('valid JSON but not an object');
			expect(screen.frame()).toContain('[[[[[[[[');
			await screen.type('l');
			expect(screen.frame()).toMatch(/3\/4 id deep · JSON/);
			expect(screen.frame()).toMatch(/"x": \{\n\s+"a": \{/);
			expect(screen.frame()).not.toContain('cannot be shown');
			const text = screen.controller.currentSample().rendered.blocks[0].text;
			// The whole value is there: the same JSON once white space is removed.
			expect(text.replaceAll(/\s+/g, '')).toBe(objects);
			expect(text.length).toBeLessThan(objects.length * 3);
			await screen.type('G');
			expect(screen.frame()).toMatch(/4\/4 id mixed · chat/);
			await screen.type('\u001B[6~', 'a');
			expect(screen.store.get('mixed', 'tester')?.verdict).toBe('accepted');
			expect(Date.now() - started).toBeLessThan(15_000);
		} finally {
			await screen.close();
		}
	});

	it('a million levels of nesting in one line', async () => {
		const depth = 1_000_000;
		const objects = `{"id":"deeper","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
		const screen = await openScreen(`{"id":"s1","text":"ok"}\n${objects}\n`);
		try {
			await screen.type('l');
			expect(screen.frame()).toMatch(/2\/2 id deeper · JSON/);
			expect(screen.frame()).toMatch(/\d+\/2 decided/);
		} finally {
			await screen.close();
		}
	});

	it('duplicate ids: the screen says so; one decision covers every sample with that id', async () => {
		const screen = await openScreen('{"id":"a","text":"one"}\n{"id":"a","text":"two"}\n{"id":"b","text":"three"}\n{"text":"same"}\n{"text":"same"}\n');
		try {
			expect(screen.frame()).toContain('same id on 2 samples: one decision covers all');
			await screen.type('a');
			// The second "a" is decided with the first, so advance skips it.
			expect(screen.frame()).toContain('three');
			expect(screen.frame()).not.toContain('same id on');
			expect(screen.frame()).toMatch(/2\/5 decided/);
			await screen.type('a');
			expect(screen.frame()).toContain('same id on 2 samples');
			await screen.type('r');
			expect(screen.frame()).toMatch(/5\/5 decided/);
		} finally {
			await screen.close();
		}
	});
});

describe('a decisions file is never damaged by a refusal', () => {
	it('winnow started on a corrupt file again and again leaves it byte for byte, and nothing beside it', async () => {
		const dir = tempDir();
		const dataset = writeFile(dir, 'samples.jsonl', good());
		const corrupt = `${decisionsFile().slice(0, -40)}\u0000\u0000\u0000`;
		const db = writeFile(dir, 'samples.decisions.json', corrupt);
		const before = snapshot(dir);
		for (let i = 0; i < 3; i++) {
			const {code} = await runInPty([dataset]);
			expect(code).toBe(1);
		}

		expect(readFileSync(db, 'utf8')).toBe(corrupt);
		expect(snapshot(dir)).toEqual(before);
		rmSync(db);
	});
});

describe('export writes nowhere it should not, and says why in one sentence', () => {
	it('refuses a standard output that is the dataset (export d.jsonl >> d.jsonl)', () => {
		const dir = tempDir();
		const dataset = writeFile(dir, 'samples.jsonl', good());
		const result = spawnSync('sh', ['-c', `"${process.execPath}" "${cliPath}" export samples.jsonl --status undecided >> samples.jsonl`], {cwd: dir, encoding: 'utf8'});
		expect(result.status).toBe(2);
		expectOneSentence(result.stderr, 'standard output is the dataset', '--out');
		expect(readFileSync(dataset, 'utf8')).toBe(good());
	});

	it.each([['--out /dev/full', ['--out', '/dev/full']], ['standard output /dev/full', []]])('a full disk (%s) is named as such, not as a bug', (_what, extra) => {
		const dir = tempDir();
		writeFile(dir, 'samples.jsonl', good());
		const command = `"${process.execPath}" "${cliPath}" export samples.jsonl --status undecided ${extra.join(' ')}${extra.length === 0 ? ' > /dev/full' : ''}`;
		const result = spawnSync('sh', ['-c', command], {cwd: dir, encoding: 'utf8'});
		expect(result.status).toBe(1);
		expectOneSentence(result.stderr, 'no space left on the disk');
		expect(result.stderr).not.toMatch(/unexpected|report this/);
	});
});

