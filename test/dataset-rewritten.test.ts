import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

function line(i: number): string {
	const n = String(i).padStart(2, '0');
	return JSON.stringify({id: `s${n}`, messages: [{role: 'user', content: `question ${n}`}, {role: 'assistant', content: `answer ${n}`}]});
}

function verdicts(dir: string): Record<string, string | null> {
	const file = JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; verdict: string | null}>};
	return Object.fromEntries(file.decisions.map(d => [d.sample, d.verdict]));
}

describe('the dataset rewritten in place during a review', () => {
	it('records nothing on bytes nobody saw, says so, re-reads the file and goes on at the same sample', async () => {
		const dir = tempDir();
		const lines = Array.from({length: 20}, (_, i) => line(i + 1));
		const path = writeFile(dir, 'samples.jsonl', `${lines.join('\n')}\n`);
		const session = new PtySession([path]);
		await session.waitFor('question 01');
		await session.press('a');
		await session.waitFor('question 02');
		// Same length, same inode, other order: sample 2's bytes now hold s19.
		writeFileSync(path, `${[...lines].reverse().join('\n')}\n`);
		await session.press('a');
		await session.waitFor(/nothing recorded: samples.jsonl changed on disk \(it was rewritten\) under sample 2; file re-read/);
		// Re-read: s02 is now the 19th sample, and the screen is back on it.
		await session.waitFor(/19\/20/);
		await session.waitFor('question 02');
		await session.press('r');
		await session.waitFor(/2\/20 decided/);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
		expect(verdicts(dir)).toEqual({s01: 'accepted', s02: 'rejected'});
	});

	it('a decision on a sample whose bytes are unchanged is kept when lines are appended, and the new ones appear', async () => {
		const dir = tempDir();
		const lines = Array.from({length: 5}, (_, i) => line(i + 1));
		const path = writeFile(dir, 'samples.jsonl', `${lines.join('\n')}\n`);
		const session = new PtySession([path]);
		await session.waitFor('question 01');
		writeFileSync(path, `${[...lines, line(6), line(7)].join('\n')}\n`);
		await session.press('a');
		await session.waitFor(/samples.jsonl changed on disk \(lines were added to it\); file re-read/);
		await session.waitFor(/1\/7 decided/);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
		expect(verdicts(dir)).toEqual({s01: 'accepted'});
	});
});
