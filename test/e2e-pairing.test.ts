import {describe, expect, it} from 'vitest';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

function dataset(dir: string, n = 8): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
	return writeFile(dir, 'pair.jsonl', lines.join('\n') + '\n');
}

describe('two reviewers on one decisions file', () => {
	it('never hands both the same sample (split mode), and each sees the other live', async () => {
		const path = dataset(tempDir());
		const alice = new PtySession([path], {env: {WINNOW_REVIEWER: 'alice'}});
		await alice.waitFor('prompt 1');
		const bob = new PtySession([path], {env: {WINNOW_REVIEWER: 'bob'}});
		// Bob is not handed sample 1: alice has it open.
		await bob.waitFor('prompt 2');
		await bob.waitFor('also here: alice');
		await alice.waitFor('also here: bob');

		// Alice accepts sample 1: bob's counts show it within about a second.
		alice.write('a');
		// Alice skips sample 2 (bob has it) and lands on 3.
		await alice.waitFor('prompt 3');
		await bob.waitFor(/1\/8 decided/);

		// Bob moves back to sample 1 (the first with the filter showing all) and sees alice's decision on it.
		bob.write('F');
		await bob.waitFor(/filter: all/);
		bob.write('g');
		const screen = await bob.waitFor('prompt 1');
		expect(screen).toMatch(/alice: accepted/);

		alice.write('q');
		bob.write('q');
		expect(await alice.waitExit()).toBe(0);
		expect(await bob.waitExit()).toBe(0);
	});

	it('in overlap mode both review every sample and progress is per reviewer', async () => {
		const path = dataset(tempDir(), 4);
		const alice = new PtySession([path, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'alice'}});
		const bob = new PtySession([path, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'bob'}});
		await alice.waitFor('prompt 1');
		await bob.waitFor('prompt 1');
		alice.write('a');
		await alice.waitFor('prompt 2');
		bob.write('r');
		await bob.waitFor('prompt 2');
		await bob.waitFor(/1\/4 decided/);
		// ← right after deciding goes back to the sample just decided; once more, the filter has none earlier.
		bob.write('h');
		await bob.waitFor(/you \(bob\): rejected/);
		bob.write('h');
		await bob.waitFor(/no earlier undecided sample/);
		alice.write('q');
		bob.write('q');
		await alice.waitExit();
		await bob.waitExit();
	});
});
