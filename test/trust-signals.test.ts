// Signals and a dropped connection, seen from the terminal's side: after SIGHUP, SIGTERM, SIGINT
// or ctrl-c the terminal is back in cooked mode (checked with stty in the same pty), the cursor
// is shown and the main screen is back; a pty whose other end closes (an SSH link dropping: SIGHUP,
// then EIO on every write) loses no decision either.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from './helpers/cli-run.js';
import {isRunning} from './helpers/live-processes.js';
import {PtyProcess} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

function dataset(dir: string, n = 8): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, messages: [{role: 'user', content: `question ${i + 1}`}, {role: 'assistant', content: `answer ${i + 1}`}]}));
	return writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
}

function savedVerdicts(dir: string): Record<string, string | null> {
	const file = JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; verdict: string | null}>};
	return Object.fromEntries(file.decisions.map(record => [record.sample, record.verdict]));
}

/** The pid of the shell's child (winnow), from /proc. */
async function childOf(pid: number): Promise<number> {
	return waitFor(() => {
		try {
			const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
			return children ? Number(children.split(' ')[0]) : undefined;
		} catch {
			return undefined;
		}
	}, `a child of ${pid}`);
}

const quote = (text: string) => `'${text.replaceAll('\'', '\'\\\'\'')}'`;

/**
 * winnow inside `sh -c`, followed by `stty -a` in the same terminal: what stty prints is the
 * terminal mode winnow left behind.
 */
function reviewThenStty(path: string) {
	const script = `${quote(process.execPath)} ${quote(cliPath)} ${quote(path)}; echo "winnow-exit=$?"; stty -a`;
	return new PtyProcess('/bin/sh', ['-c', script], {cols: 100, rows: 30});
}

function expectTerminalRestored(output: string) {
	const [during, after] = output.split('winnow-exit=');
	expect(after, 'stty ran after winnow').toBeDefined();
	// Main screen back, cursor shown after it was last hidden.
	expect(during.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(during.lastIndexOf('\u001B[?1049h'));
	expect(during.lastIndexOf('\u001B[?25h')).toBeGreaterThan(during.lastIndexOf('\u001B[?25l'));
	// Cooked mode: canonical input and echo on (raw mode turns both off).
	expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
	expect(after).toMatch(/(^|\s)echo(\s|$)/m);
	expect(after).not.toMatch(/(^|\s)-icanon(\s|$)/m);
}

describe('leaving by signal or ctrl-c restores the terminal', () => {
	for (const how of ['SIGHUP', 'SIGTERM', 'SIGINT', 'ctrl-c'] as const) {
		it(`${how}: decisions saved, cooked mode, cursor shown, main screen`, async () => {
			const dir = tempDir();
			const session = reviewThenStty(dataset(dir));
			try {
				await session.waitFor('question 1');
				const winnow = await childOf(session.pty.pid);
				// Three decisions, then the signal at once: inside the 25 ms that gather writes.
				session.write('aar');
				await session.waitFor('question 4');
				if (how === 'ctrl-c') session.write('\u0003');
				else process.kill(winnow, how);
				await session.waitFor('winnow-exit=');
				await session.waitExit();
				const code = Number(/winnow-exit=(\d+)/.exec(session.output)?.[1]);
				expect(code).toBe({SIGHUP: 129, SIGTERM: 143, SIGINT: 130, 'ctrl-c': 0}[how]);
				expectTerminalRestored(session.output);
				expect(savedVerdicts(dir)).toEqual({s1: 'accepted', s2: 'accepted', s3: 'rejected'});
			} finally {
				session.kill();
			}
		});
	}

	it('the terminal goes away (pty closed, as when an SSH link drops): decisions saved, the process ends', async () => {
		const dir = tempDir();
		const session = new PtyProcess(process.execPath, [cliPath, dataset(dir)], {cols: 100, rows: 30});
		const {pid} = session.pty;
		try {
			await session.waitFor('question 1');
			session.write('ar');
			await session.waitFor('question 3');
			// Closes our end of the pty, then sends SIGHUP: writes to the terminal now fail with EIO.
			session.pty.destroy();
			await waitFor(() => !isRunning(pid), 'winnow to stop after the terminal went away');
			expect(savedVerdicts(dir)).toEqual({s1: 'accepted', s2: 'rejected'});
			// Ended as a hang-up (the shell's 129), not by Node aborting while it restores a terminal
			// that is gone (SIGABRT, a native stack trace).
			await session.waitExit();
			expect(session.signal === 1 || session.exitCode === 129, `exit ${session.exitCode}, signal ${session.signal}`).toBe(true);
			// It let go of the sample it had open and left the live folder: whoever starts next resumes there.
			const live = join(dir, 'samples.decisions.json.live');
			expect([...readdirSync(join(live, 'presence')), ...readdirSync(join(live, 'leases'))]).toEqual([]);
		} finally {
			session.kill();
		}
	});
});
