// Blind overlap mode in real pseudo-terminals: a reviewer sees no other reviewer's verdict on a sample
// until they have decided it; a lead sees all; the mode is the decisions file's; stats say what was blind.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, runInPty} from './helpers/cli-run.js';
import {keys, PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

describe('overlap mode is blind', () => {
	it('hides others\' verdicts, notes and conflicts until one has decided; a lead sees all; the file keeps the mode', async () => {
		const dir = tempDir();
		const lines = Array.from({length: 4}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
		const path = writeFile(dir, 'pair.jsonl', lines.join('\n') + '\n');
		const db = join(dir, 'pair.decisions.json');

		const alice = new PtySession([path, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'alice'}});
		await alice.waitFor('prompt 1');
		// A note, then accept: both hers alone.
		alice.write('c');
		alice.write(`looks-fine-to-alice${keys.enter}`);
		await alice.waitFor('note saved');
		alice.write('a');
		await alice.waitFor('prompt 2');
		alice.write('q');
		expect(await alice.waitExit()).toBe(0);
		expect(JSON.parse(readFileSync(db, 'utf8'))).toMatchObject({mode: 'overlap'});

		// Bob opens with no --mode: the file's overlap mode, and s1 is his to decide, blind.
		const bob = new PtySession([path], {env: {WINNOW_REVIEWER: 'bob'}});
		let screen = await bob.waitFor('prompt 1');
		expect(screen).not.toMatch(/alice|looks-fine|conflict/);
		// Nor in the stats panel, nor as a conflict to filter on.
		bob.write('t');
		screen = await bob.waitFor(/overlap mode/);
		expect(screen).not.toMatch(/alice/);
		bob.write('q');
		await bob.waitFor(/filter: undecided/);
		bob.write('r');
		await bob.waitFor('prompt 2');
		// Decided: now he sees alice's verdict, and the conflict.
		bob.write('F');
		await bob.waitFor(/filter: all/);
		bob.write('g');
		screen = await bob.waitFor('prompt 1');
		expect(screen).toMatch(/alice: accepted/);
		expect(screen).toMatch(/conflict/);
		bob.write('q');
		expect(await bob.waitExit()).toBe(0);

		// A lead sees everything on any sample, decided or not.
		const lead = new PtySession([path, '--lead'], {env: {WINNOW_REVIEWER: 'lee'}});
		screen = await lead.waitFor('prompt 1');
		expect(screen).toMatch(/alice: accepted/);
		expect(screen).toMatch(/bob: rejected/);
		lead.write('q');
		await lead.waitExit();

		// --mode that contradicts the file: one clear error.
		const wrong = await runInPty([path, '--mode', 'split'], {env: {WINNOW_REVIEWER: 'cy'}, cols: 400});
		expect(wrong.code).not.toBe(0);
		expect(wrong.output).toMatch(/was started in overlap mode.*leave out --mode split/);

		const file = JSON.parse(readFileSync(db, 'utf8')) as {decisions: Array<{reviewer: string; blind?: boolean}>};
		expect(file.decisions.filter(record => record.blind).map(record => record.reviewer).sort()).toEqual(['alice', 'bob']);
		const stats = runCli(['stats', path], {env: {COLUMNS: '200'}});
		expect(stats.stdout).toMatch(/decided blind[^\n]*all 1/);
	});
});
