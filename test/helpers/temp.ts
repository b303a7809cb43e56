import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach} from 'vitest';
import {endProcesses} from './live-processes.js';

/**
 * Fresh temporary folders, removed after each test (or, with 'file', after the file's last test:
 * for folders made in beforeAll, or used by tests that run concurrently): once every process the
 * test started (in a pseudo-terminal or tmux) is gone, so that none writes there while it is removed.
 */
export function useTempDir(lifetime: 'test' | 'file' = 'test'): () => string {
	const made: string[] = [];
	const remove = async () => {
		await endProcesses(made);
		for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true, maxRetries: 20, retryDelay: 50});
	};

	if (lifetime === 'file') afterAll(remove);
	else afterEach(remove);
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
