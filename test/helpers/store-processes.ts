// Spawning and talking to store-writer.mjs children from the multi-process tests.
import {spawn, spawnSync, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const writerScript = fileURLToPath(new URL('store-writer.mjs', import.meta.url));
const builtStore = fileURLToPath(new URL('../../dist/store/decision-store.js', import.meta.url));

/** The children import the built store; `npm test` builds first, a bare `vitest run` may not have. */
export function ensureBuilt() {
	if (existsSync(builtStore)) return;
	spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {cwd: repoRoot, stdio: 'inherit'});
	if (!existsSync(builtStore)) throw new Error(`${builtStore} is missing and tsc did not produce it; run npm run build`);
}

export type Writer = {
	child: ChildProcessWithoutNullStreams;
	lines: string[];
	stderr: string[];
	/** Resolves with the first stdout line that satisfies the test (or undefined if the child ends first). */
	waitFor(test: (line: string) => boolean): Promise<string | undefined>;
	exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	send(line: string): void;
};

export function spawnWriter(args: string[]): Writer {
	const child = spawn(process.execPath, [writerScript, ...args], {cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe']});
	const lines: string[] = [];
	const stderr: string[] = [];
	const waiters: Array<{test: (line: string) => boolean; resolve: (line: string | undefined) => void}> = [];
	createInterface({input: child.stdout}).on('line', line => {
		lines.push(line);
		for (const waiter of [...waiters]) {
			if (waiter.test(line)) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(line);
			}
		}
	});
	createInterface({input: child.stderr}).on('line', line => stderr.push(line));
	child.stdin.on('error', () => undefined);
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('close', (code, signal) => {
			for (const waiter of waiters.splice(0)) waiter.resolve(undefined);
			resolve({code, signal});
		});
	});
	return {
		child,
		lines,
		stderr,
		exited,
		waitFor(test) {
			const seen = lines.find(line => test(line));
			if (seen !== undefined) return Promise.resolve(seen);
			if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(undefined);
			return new Promise(resolve => waiters.push({test, resolve}));
		},
		send(line) {
			child.stdin.write(`${line}\n`);
		},
	};
}
