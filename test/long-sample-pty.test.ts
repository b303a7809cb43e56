import {execFileSync} from 'node:child_process';
import {closeSync, openSync, readFileSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

/** A dataset whose first line is a 256 MB sample, then two short ones; written at test time. */
function longLineDataset(dir: string): string {
	const path = join(dir, 'long.jsonl');
	const fd = openSync(path, 'w');
	writeSync(fd, '{"id":"big","prompt":"');
	const megabyte = 'x'.repeat(1024 * 1024);
	for (let i = 0; i < 256; i++) writeSync(fd, megabyte);
	writeSync(fd, '","completion":"the end"}\n');
	writeSync(fd, `${JSON.stringify({id: 'small1', prompt: 'short one', completion: 'ok'})}\n`);
	writeSync(fd, `${JSON.stringify({id: 'small2', prompt: 'short two', completion: 'ok'})}\n`);
	closeSync(fd);
	return path;
}

/**
 * Waits until winnow has put its terminal in raw mode (the review command has started opening the
 * files) while its screen is not up yet: a key pressed now arrives while the file is being read.
 */
async function waitForOpening(session: PtySession) {
	const pts = (session.pty as unknown as {ptsName: string}).ptsName;
	const settings = () => execFileSync('stty', ['-F', pts, '-a'], {encoding: 'utf8'});
	await waitFor(() => /(^|\s)-icanon(\s|$)/.test(settings()), 'winnow to put the terminal in raw mode', {timeout: 30_000, detail: settings});

	// Had the screen come up already, this test would not be about reading.
	expect(session.output).not.toContain('\u001B[?1049h');
}

describe('a 256 MB line in the review screen', () => {
	it('q is answered while the file is being read, before the screen is up', async () => {
		const path = longLineDataset(tempDir());
		const session = new PtySession([path]);
		await waitForOpening(session);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
		expect(session.output).toContain('quit while opening');
		expect(session.output).toContain('nothing was recorded');
	});

	it('ctrl-c is answered while the file is being read', async () => {
		const path = longLineDataset(tempDir());
		const session = new PtySession([path]);
		await waitForOpening(session);
		session.write('\u0003');
		expect(await session.waitExit()).toBe(130);
		expect(session.output).toContain('interrupted while opening');
	});

	it('is shown cut with a note, and a decision on it covers the whole sample', async () => {
		const dir = tempDir();
		const path = longLineDataset(dir);
		const session = new PtySession([path]);
		await session.waitFor('first 1 MB of 256 MB shown, not parsed; a decision covers the whole sample', 90_000);
		await session.waitFor(/over-long, cut/);
		await session.press('a');
		await session.waitFor('short one', 60_000);
		await session.press('q');
		expect(await session.waitExit(60_000)).toBe(0);
		const file = JSON.parse(readFileSync(join(dir, 'long.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; verdict: string}>};
		expect(file.decisions.map(d => [d.sample, d.verdict])).toEqual([['big', 'accepted']]);
	});
});
