// Writes that start failing mid-session, end to end in a pseudo-terminal: the reviewer sees it on
// the screen, decisions stay in memory and reach the file once writing works again, and quitting
// while unsaved warns and offers to retry (r), wait (w) or quit anyway (q).
//
// As root, chmod does not stop writes. Two ways that work in CI: replace the decisions file's folder
// with a regular file (every write then fails with ENOTDIR), and, where setpriv can drop to nobody,
// take the write permission off the folder for real.
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from './helpers/cli-run.js';
import {PtyProcess} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {letRun, waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

const canSetpriv = process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

function dataset(dir: string, n = 8): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, messages: [{role: 'user', content: `question ${i + 1}`}, {role: 'assistant', content: `answer ${i + 1}`}]}));
	return writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
}

function verdictsIn(db: string): Record<string, string | null> {
	if (!existsSync(db)) return {};
	const file = JSON.parse(readFileSync(db, 'utf8')) as {decisions: Array<{sample: string; verdict: string | null}>};
	return Object.fromEntries(file.decisions.map(record => [record.sample, record.verdict]));
}

/** A way to make the decisions file's folder unwritable and writable again. */
type Breaker = {name: string; setup(dir: string): {folder: string; run(args: string[]): PtyProcess; breakIt(): void; fix(): void; whileBroken(path: string): string}};

const breakers: Breaker[] = [
	{
		name: 'the folder replaced by a regular file',
		setup(dir) {
			const folder = join(dir, 'shared');
			mkdirSync(folder);
			return {
				folder,
				run: args => new PtyProcess(process.execPath, [cliPath, ...args], {cols: 100, rows: 24}),
				breakIt() {
					renameSync(folder, `${folder}.away`);
					writeFileSync(folder, 'not a folder');
				},
				fix() {
					if (!existsSync(`${folder}.away`)) return;
					rmSync(folder);
					renameSync(`${folder}.away`, folder);
				},
				whileBroken: (path: string) => path.replace(folder, `${folder}.away`),
			};
		},
	},
	...(canSetpriv ? [{
		name: 'write permission taken from the folder (as nobody)',
		setup(dir: string) {
			chmodSync(dir, 0o755);
			const folder = join(dir, 'shared');
			mkdirSync(folder);
			chmodSync(folder, 0o777);
			return {
				folder,
				run: (args: string[]) => new PtyProcess('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, ...args], {cols: 100, rows: 24, env: {HOME: '/'}}),
				breakIt() {
					chmodSync(folder, 0o555);
				},
				fix() {
					chmodSync(folder, 0o777);
				},
				whileBroken: (path: string) => path,
			};
		},
	}] : []),
];

describe.each(breakers)('a failing write mid-session: $name', breaker => {
	it('is shown on screen, kept in memory, written once possible; quitting warns, w waits, r retries', async () => {
		const dir = tempDir();
		const {folder, run, breakIt, fix, whileBroken} = breaker.setup(dir);
		chmodSync(dataset(dir), 0o644);
		const db = join(folder, 'samples.decisions.json');
		const session = run([join(dir, 'samples.jsonl'), '--db', db]);
		try {
			await session.waitFor('question 1');
			session.write('a');
			await waitFor(() => verdictsIn(db).s1 === 'accepted', 'the first decision is on disk');
			await session.waitFor(/· saved/);

			breakIt();
			session.write('r');
			await session.waitFor('question 3');
			session.write('b');
			await session.waitFor('Flag for bias');
			session.write('1\r');
			await session.waitFor('question 4');
			// The reviewer is told, in the status bar and the message line, and can keep working.
			let screen = await session.waitFor(/not saved \(2\)/);
			expect(screen).toMatch(/cannot be (written|read)|kept in memory/);
			expect(screen).toMatch(/3\/8 decided/);

			// Quitting while unsaved: a warning with the choices, and nothing exits.
			session.write('q');
			// A frame can reach the terminal in more than one piece: wait for its last row too.
			screen = await session.waitFor(/r retry saving · w wait and keep reviewing · q quit anyway/);
			expect(screen).toMatch(/(decisions are|decision is) not saved yet/);
			// The retry fails (the folder is still unwritable) and the warning stays. A retry shows nothing
			// while it runs, so there is no sign to wait for: w pressed before it failed would be undone
			// by the warning it brings back.
			session.write('r');
			await letRun(400);
			screen = await session.waitFor(/(decisions are|decision is) not saved yet/);
			expect(session.exitCode).toBeUndefined();
			session.write('w');
			await session.waitFor(/a acc/);
			session.write('x');
			await session.waitFor('question 5');
			await session.waitFor(/not saved \(3\)/);
			expect(verdictsIn(whileBroken(db))).toEqual({s1: 'accepted'});

			// Writable again: the retry (every second) writes everything kept in memory.
			fix();
			await session.waitFor(/· saved/, 10_000);
			expect(verdictsIn(db)).toEqual({s1: 'accepted', s2: 'rejected', s3: 'flagged', s4: 'rejected'});
			screen = await session.screen();
			expect(screen).not.toMatch(/not saved|cannot be/);

			// And once more, with the retry asked for from the warning.
			breakIt();
			session.write('a');
			await session.waitFor(/not saved \(1\)/);
			session.write('q');
			await session.waitFor(/(decisions are|decision is) not saved yet/);
			fix();
			session.write('r');
			expect(await session.waitExit()).toBe(0);
			expect(session.output).toMatch(/5\/8 decided, 5 by you \(tester\) this session; saved in/);
			expect(verdictsIn(db)).toMatchObject({s5: 'accepted'});
		} finally {
			session.kill();
		}
	});

	it('quit anyway: exit 1 and a sentence saying how many decisions were not saved', async () => {
		const dir = tempDir();
		const {folder, run, breakIt, fix} = breaker.setup(dir);
		chmodSync(dataset(dir), 0o644);
		const db = join(folder, 'samples.decisions.json');
		const session = run([join(dir, 'samples.jsonl'), '--db', db]);
		try {
			await session.waitFor('question 1');
			breakIt();
			session.write('a');
			await session.waitFor('question 2');
			session.write('a');
			await session.waitFor(/not saved \(2\)/);
			session.write('q');
			await session.waitFor(/(decisions are|decision is) not saved yet/);
			session.write('q');
			expect(await session.waitExit()).toBe(1);
			expect(session.output.replaceAll('\r', '')).toMatch(/winnow: quit with 2 decisions not saved to .*samples\.decisions\.json\.\n/);
			// The terminal is restored all the same.
			expect(session.output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(session.output.lastIndexOf('\u001B[?1049h'));
		} finally {
			session.kill();
			fix();
		}
	});

	it('a signal while unsaved: exits within the flush limit, says what was not saved', async () => {
		const dir = tempDir();
		const {folder, run, breakIt, fix} = breaker.setup(dir);
		chmodSync(dataset(dir), 0o644);
		const db = join(folder, 'samples.decisions.json');
		const session = run([join(dir, 'samples.jsonl'), '--db', db]);
		try {
			await session.waitFor('question 1');
			breakIt();
			session.write('a');
			await session.waitFor(/not saved \(1\)/);
			const started = Date.now();
			// Through setpriv the pty's child is setpriv, which execs node: the same pid.
			process.kill(session.pty.pid, 'SIGTERM');
			expect(await session.waitExit()).toBe(143);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(session.output.replaceAll('\r', '')).toMatch(/winnow: quit with 1 decision not saved to /);
		} finally {
			session.kill();
			fix();
		}
	});
});
