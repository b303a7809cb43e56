import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PtySession, keys} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

function dataset(dir: string, n = 8): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, messages: [{role: 'user', content: `question ${i + 1}`}, {role: 'assistant', content: `answer ${i + 1}`}]}));
	return writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
}

function decisions(dir: string) {
	const file = JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {dataset: string; schema: number; decisions: Array<{sample: string; verdict: string | null; reviewer: string}>};
	return file;
}

describe('the real binary in a pseudo-terminal', () => {
	it('decides three samples, quits, and resumes at the fourth with the three on disk', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const first = new PtySession([path]);
		await first.waitFor('1/8');
		await first.waitFor('question 1');
		await first.press('a');
		await first.waitFor('question 2');
		await first.press('r');
		await first.waitFor('question 3');
		await first.press('b', '3', keys.enter);
		await first.waitFor('question 4');
		await first.press('q');
		expect(await first.waitExit()).toBe(0);
		expect(first.output).toContain('\u001B[?1049l');

		const file = decisions(dir);
		expect(file.schema).toBe(1);
		expect(file.dataset).toBe('samples.jsonl');
		expect(file.decisions.map(d => [d.sample, d.verdict, d.reviewer])).toEqual([['s1', 'accepted', 'tester'], ['s2', 'rejected', 'tester'], ['s3', 'flagged', 'tester']]);

		const second = new PtySession([path]);
		const screen = await second.waitFor('question 4');
		expect(screen).toContain('4/8');
		expect(screen).toMatch(/3\/8 decided/);
		expect(screen).toContain('resumed where you left off: sample 4');
		// Skipping past samples and leaving: the next session opens exactly there, not at the skipped ones.
		await second.press('s');
		await second.waitFor('question 5');
		await second.press('s');
		await second.waitFor('question 6');
		second.write('q');
		expect(await second.waitExit()).toBe(0);
		expect(second.output).toMatch(/3\/8 decided, 0 by you \(tester\) this session/);

		const third = new PtySession([path]);
		expect(await third.waitFor('question 6')).toContain('6/8');
		third.write('q');
		expect(await third.waitExit()).toBe(0);
	});

	it('keeps every key of a fast burst typed in one chunk, and undo goes back', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const session = new PtySession([path]);
		await session.waitFor('question 1');
		session.write('aar');
		await session.waitFor('question 4');
		await session.press('u');
		await session.waitFor('question 3');
		await session.waitFor(/undone/);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
		const verdicts = Object.fromEntries(decisions(dir).decisions.map(d => [d.sample, d.verdict]));
		expect(verdicts).toEqual({s1: 'accepted', s2: 'accepted', s3: null});
	});

	it('a text field takes several backspaces, ctrl-w and ctrl-u arriving in one chunk', async () => {
		const dir = tempDir();
		const path = dataset(dir);
		const session = new PtySession([path]);
		await session.waitFor('question 1');
		session.write('/');
		await session.waitFor('search:');
		session.write('answer 77');
		await session.waitFor('search: answer 77');
		session.write('\u007F\u007F');
		await session.waitFor(/search: answer(?! 7)/);
		session.write('\u0017');
		await session.waitFor('search: text to find');
		session.write('quest\u0015question 5\r');
		await session.waitFor('5/8');
		session.write('q');
		expect(await session.waitExit()).toBe(0);
	});

	for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
		it(`saves everything and restores the terminal on ${signal}`, async () => {
			const dir = tempDir();
			const path = dataset(dir);
			const session = new PtySession([path]);
			await session.waitFor('question 1');
			session.write('a');
			await session.waitFor('question 2');
			process.kill(session.pty.pid, signal);
			await session.waitExit();
			expect(session.output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(session.output.lastIndexOf('\u001B[?1049h'));
			expect(session.output.endsWith('\u001B[?25l')).toBe(false);
			expect(decisions(dir).decisions).toHaveLength(1);
		});
	}
});
