import {expect, it} from 'vitest';
import {describeWithPostgres, useSchema} from './helpers/postgres.js';
import {PtySession} from './helpers/pty-session.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();
const newSchema = useSchema();

describeWithPostgres('two review screens on one PostgreSQL database', () => {
	it('see each other\'s presence and decisions, and are never handed the same sample', async () => {
		const {url} = await newSchema();
		const lines = Array.from({length: 8}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
		const path = writeFile(tempDir(), 'pair.jsonl', lines.join('\n') + '\n');
		const alice = new PtySession([path, '--db', url], {env: {WINNOW_REVIEWER: 'alice'}});
		const bob = await (async () => {
			await alice.waitFor('prompt 1');
			return new PtySession([path, '--db', url], {env: {WINNOW_REVIEWER: 'bob'}});
		})();
		try {
			await bob.waitFor('also here: alice');
			await alice.waitFor('also here: bob');
			// Bob is handed another sample than alice's (she has sample 1 open, and a few leased ahead).
			const first = await bob.waitFor(/prompt [2-8]\b/);
			expect(first).not.toMatch(/prompt 1\b/);

			// Alice accepts sample 1: bob's counts show it within a second.
			alice.write('a');
			await bob.waitFor(/1\/8 decided/);

			// Bob goes to sample 1 and sees alice's decision on it.
			bob.write('f');
			await bob.waitFor(/filter: all/);
			bob.write('g');
			const screen = await bob.waitFor('prompt 1');
			expect(screen).toMatch(/alice: accepted/);

			// Bob, having opened it on purpose, disagrees: alice's screen shows the conflict.
			bob.write('r');
			await alice.waitFor(/0\/8 decided .*≠1/);
		} finally {
			alice.write('q');
			bob.write('q');
		}

		expect(await alice.waitExit()).toBe(0);
		expect(await bob.waitExit()).toBe(0);
		const last = bob.output;
		expect(last).toMatch(/saved in postgres:\/\/postgres@127\.0\.0\.1:5432\/test/);
	});
});
