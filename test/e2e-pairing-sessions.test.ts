// Leases and sessions in real pseudo-terminals: a stopped process loses its sample within seconds;
// a reviewer's second session takes over the first; resuming says who decided the sample left open.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {keys, PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

function dataset(dir: string, n = 8): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
	return writeFile(dir, 'pair.jsonl', lines.join('\n') + '\n');
}

function decisions(dir: string) {
	const db = join(dir, 'pair.decisions.json');
	return existsSync(db) ? parseDecisionsFile(readFileSync(db, 'utf8'), db, 'pair.jsonl').decisions : [];
}

/** Waits until the reviewer's remembered place (written within half a second of a move) is `sample`. */
async function waitForPosition(dir: string, sample: string) {
	const folder = join(dir, 'pair.decisions.json.live', 'positions');
	await waitFor(() => {
		const files = existsSync(folder) ? readdirSync(folder).filter(name => name.endsWith('.json')) : [];
		return files.some(name => readFileSync(join(folder, name), 'utf8').includes(`"sample":"${sample}"`));
	}, `the remembered place to be ${sample}`);
}

/** Presses `key` until the screen matches (each press waits a little for its frame). */
async function pressUntil(session: PtySession, key: string, pattern: string | RegExp) {
	for (;;) {
		session.write(key);
		try {
			return await session.waitFor(pattern, 500);
		} catch (error) {
			if (session.exitCode !== undefined) throw error;
		}
	}
}

describe('leases and sessions', () => {
	it('a stopped process (kill -STOP) loses its sample within seconds; woken, it moves on instead of deciding it too', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const alice = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}});
		await alice.waitFor('prompt 1');
		const bob = new PtySession([path], {env: {WINNOW_REVIEWER: 'bob'}});
		await bob.waitFor('prompt 2');
		await bob.waitFor('also here: alice');
		process.kill(alice.pty.pid, 'SIGSTOP');
		const stoppedAt = Date.now();
		// Bob is handed sample 1 once alice's lease expires (g: the first undecided sample he may take).
		await pressUntil(bob, 'g', /prompt 1\b/);
		const seconds = (Date.now() - stoppedAt) / 1000;
		console.log(`[sessions] a stopped holder's sample went to another reviewer after ${seconds.toFixed(1)} s`);
		process.kill(alice.pty.pid, 'SIGCONT');
		await alice.waitFor(/s1 went to bob while this session was stopped/);
		bob.write('a');
		await bob.waitFor(/1\/8 decided/);
		alice.write('q');
		bob.write('q');
		expect(await alice.waitExit()).toBe(0);
		expect(await bob.waitExit()).toBe(0);
		expect(decisions(dir).filter(record => record.sample === 's1').map(record => record.reviewer)).toEqual(['bob']);
	});

	it('a second session under the same name takes over the first one\'s place; the first stops deciding until y', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const first = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}});
		await first.waitFor('prompt 1');
		first.write('s');
		await first.waitFor('prompt 2');
		await waitForPosition(dir, 's2');
		const second = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}});
		await second.waitFor(/alice already has a session open .*this one takes over/s);
		expect(await second.screen()).toMatch(/prompt 2\b/);
		expect(await second.screen()).not.toMatch(/also here/);
		await first.waitFor(/alice started another session: this one stopped deciding — press y to continue here/);
		first.write('a');
		await first.waitFor(/this one stopped deciding/);
		second.write('a');
		await second.waitFor(/1\/8 decided/);
		// y: the first continues, and the second stops in its turn.
		first.write('y');
		await first.waitFor(/continuing here/);
		await second.waitFor(/alice started another session: this one stopped deciding/);
		first.write('q');
		second.write('q');
		expect(await first.waitExit()).toBe(0);
		expect(await second.waitExit()).toBe(0);
		expect(decisions(dir).map(record => [record.sample, record.reviewer])).toEqual([['s2', 'alice']]);
	});

	it('in overlap mode, a second session under the same name is warned at the start', async () => {
		const dir = tempDir();
		const path = dataset(dir, 4);
		const first = new PtySession([path, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'alice'}});
		await first.waitFor('prompt 1');
		const second = new PtySession([path, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'alice'}, cols: 200});
		await second.waitFor(/alice already has a session open .*both would record alice's verdicts/s);
		await first.waitFor(/this one stopped deciding/);
		first.write('q');
		second.write('q');
		await first.waitExit();
		await second.waitExit();
	});

	it('resuming after a drop says who decided the sample that was open', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const alice = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}});
		await alice.waitFor('prompt 1');
		alice.write('ss');
		await alice.waitFor('prompt 3');
		await waitForPosition(dir, 's3');
		// The link drops: the process dies without a word.
		alice.kill('SIGKILL');
		await alice.waitExit();
		const bob = new PtySession([path], {env: {WINNOW_REVIEWER: 'bob'}});
		await bob.waitFor('prompt 1');
		bob.write(':');
		bob.write(`3${keys.enter}`);
		await bob.waitFor('prompt 3');
		bob.write('a');
		await bob.waitFor(/1\/8 decided/);
		bob.write('q');
		expect(await bob.waitExit()).toBe(0);
		const again = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}, cols: 160});
		await again.waitFor('s3 was decided by bob while you were away');
		expect(await again.screen()).not.toMatch(/prompt 3\b/);
		again.write('q');
		await again.waitExit();
	});
});
