// useTempDir removes a test's folder only once the processes the test started are gone: a winnow
// killed or quitting still writes its `.live/` files on the way out, and removing the folder under it
// failed with ENOTEMPTY (or left it half there).
import {existsSync} from 'node:fs';
import {expect, it} from 'vitest';
import {PtyProcess} from './helpers/pty-process.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();
let left: {dir: string; pid: number} | undefined;

it('a test leaves a process writing into its temporary folder', async () => {
	const dir = tempDir();
	// Keeps creating files there until it is killed.
	const writer = new PtyProcess('/bin/sh', ['-c', 'echo writing; i=0; while :; do i=$((i+1)); mkdir -p "$0/live/$i" && : > "$0/live/$i/f"; done', dir]);
	await writer.waitFor('writing');
	left = {dir, pid: writer.pty.pid};
});

it('the folder is gone, and so is the process', () => {
	expect(left).toBeDefined();
	expect(existsSync(left!.dir)).toBe(false);
	expect(() => process.kill(left!.pid, 0)).toThrow();
});
