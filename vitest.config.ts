import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {defineConfig} from 'vitest/config';

/**
 * Test files that start processes (the built winnow in a pseudo-terminal, store writers killed at
 * random, `winnow export`/`stats` through pipes) make the `process` project (npm run test:process):
 * those that import child_process, node-pty or a helper that starts processes. Every other file is in
 * the fast `unit` project (npm run test:unit), where starting a process fails the test
 * (test/helpers/no-processes.ts).
 */
const startsProcesses = /from '(node:child_process|node-pty|\.\/helpers\/(pty-process|cli-run|store-processes)\.js)'|import\('\.\/helpers\/(pty-process|cli-run)\.js'\)/;
const testFolder = join(import.meta.dirname, 'test');
export const processTests = readdirSync(testFolder)
	.filter(name => /\.test\.tsx?$/.test(name) && startsProcesses.test(readFileSync(join(testFolder, name), 'utf8')))
	.map(name => `test/${name}`);

export default defineConfig({
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		globalSetup: ['test/helpers/global-setup.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: processTests,
					setupFiles: ['test/helpers/no-processes.ts'],
					// Vitest's default is one worker fewer than cores: one, here.
					maxWorkers: 2,
					sequence: {groupOrder: 0},
				},
			},
			{
				extends: true,
				test: {
					name: 'process',
					include: processTests,
					// One file at a time: these drive real processes (pseudo-terminals, writers killed at random,
					// up to eight reviewers at once) and measure how soon things reach the disk; two such files
					// side by side on a 2-core machine starve each other. Two workers were tried (16 files in 478
					// s instead of ~850 s, at a load of 15–25) but the suite has grown heavier since.
					maxWorkers: 1,
					fileParallelism: false,
					sequence: {groupOrder: 1},
				},
			},
		],
	},
});
