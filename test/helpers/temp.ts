import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';
import {endProcesses} from './live-processes.js';

/**
 * A fresh temporary folder per test, removed afterwards: once every process the test started (in a
 * pseudo-terminal or tmux) is gone, so that none writes there while it is removed.
 */
export function useTempDir(): () => string {
	const made: string[] = [];
	afterEach(async () => {
		await endProcesses(made);
		for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true, maxRetries: 20, retryDelay: 50});
	});
	return () => {
		const dir = mkdtempSync(join(tmpdir(), 'winnow-test-'));
		made.push(dir);
		return dir;
	};
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}
