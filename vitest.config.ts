import {accessSync, constants, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {defineConfig} from 'vitest/config';

/**
 * Test files that start processes (the built winnow in a pseudo-terminal, store writers killed at
 * random, `winnow export`/`stats` through pipes) make the `process` project (npm run test:process):
 * those that import child_process, node-pty or a helper that starts processes. Every other file is in
 * the fast `unit` project (npm run test:unit), where starting a process fails the test
 * (test/helpers/no-processes.ts). A process test whose first lines say "Runs alone" checks how soon
 * decisions reach the disk: it goes in `process-alone`, after the others, with nothing beside it.
 */
const startsProcesses = /from '(node:child_process|node-pty|\.\/helpers\/(pty-process|cli-run|store-processes)\.js)'|import\('\.\/helpers\/(pty-process|cli-run)\.js'\)/;
const testFolder = join(import.meta.dirname, 'test');
export const processTests = readdirSync(testFolder)
	.filter(name => /\.test\.tsx?$/.test(name) && startsProcesses.test(readFileSync(join(testFolder, name), 'utf8')))
	.map(name => `test/${name}`);
const runsAlone = (file: string) => /^\/\/ Runs alone/m.test(readFileSync(join(import.meta.dirname, file), 'utf8').slice(0, 2000));
export const aloneTests = processTests.filter(file => runsAlone(file));
/**
 * The unit project runs its files one after another in each worker without isolating them (isolate:
 * false): a module is imported once per worker, not once per file, which was most of the tier's time.
 * A file that mocks a module (vi.mock) needs modules imported afresh (what imports the mocked module
 * must import the mock): those make `unit-mocks`, isolated as by default.
 */
const mocksModules = (file: string) => /^\s*vi\.mock\(/m.test(readFileSync(join(import.meta.dirname, file), 'utf8'));
/**
 * The unit projects' environment. Their temporary folders (useTempDir, via os.tmpdir) go on a RAM
 * file system where there is one (/dev/shm on Linux): the store fsyncs every write, and on a disk
 * shared with other work those waits were most of some tests' time (store-model.test.ts: 9 s on
 * /tmp, 2 s on /dev/shm); what the unit tests check does not depend on the disk. And React runs its
 * production build, as the built winnow does (scripts/bundle.js defines NODE_ENV): the development
 * build's checks only print warnings, which no test reads, and took a fifth of the tier's time.
 * The process tier keeps the system's temporary folder and the environment it is given.
 */
function ramFolder(): string | undefined {
	try {
		if (!statSync('/dev/shm').isDirectory()) return undefined;
		accessSync('/dev/shm', constants.W_OK);
		return '/dev/shm';
	} catch {
		return undefined;
	}
}

const ram = process.env.TMPDIR === undefined ? ramFolder() : undefined;
const unitEnv: Record<string, string> = {NODE_ENV: 'production', ...(ram ? {TMPDIR: ram} : {})};
export const mockTests = readdirSync(testFolder)
	.map(name => `test/${name}`)
	.filter(file => /\.test\.tsx?$/.test(file) && !processTests.includes(file) && mocksModules(file));

export default defineConfig({
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		globalSetup: ['test/helpers/global-setup.ts'],
		projects: [
			{
				extends: true,
				// JSX compiled for React's production build (jsx, not jsxDEV): see unitEnv.
				oxc: {jsx: {development: false}},
				test: {
					name: 'unit',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: [...processTests, ...mockTests],
					setupFiles: ['test/helpers/no-processes.ts'],
					env: unitEnv,
					isolate: false,
					// Vitest's default is one worker fewer than cores: one, here.
					maxWorkers: 2,
					sequence: {groupOrder: 0},
				},
			},
			{
				extends: true,
				oxc: {jsx: {development: false}},
				test: {
					name: 'unit-mocks',
					include: mockTests,
					setupFiles: ['test/helpers/no-processes.ts'],
					env: unitEnv,
					maxWorkers: 2,
					sequence: {groupOrder: 0},
				},
			},
			{
				extends: true,
				test: {
					name: 'process',
					include: processTests,
					exclude: aloneTests,
					// Two files at a time on two cores. Measured (npm run test:process) on the shared 2-core
					// machine at a load of 10–30 from other work: one file at a time 580, 532, 369 s (median
					// 532), two at a time 375, 434, 380 s (median 380). More would only queue for the cores.
					maxWorkers: 2,
					sequence: {groupOrder: 1},
				},
			},
			{
				extends: true,
				test: {
					name: 'process-alone',
					include: aloneTests,
					// What these measure (a decision on disk within 100 ms of showing, after a crash) a second
					// file's processes would take the cores from: one file at a time, after the others.
					maxWorkers: 1,
					fileParallelism: false,
					sequence: {groupOrder: 2},
				},
			},
		],
	},
});
