import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {cliPath, PtyProcess, type PtyOptions} from './pty-process.js';

export {cliPath};

export type CliOptions = {cwd?: string; env?: Record<string, string | undefined>; input?: string};

export type CliResult = {status: number | null; stdout: string; stderr: string; bytes: Buffer};

/**
 * The environment winnow runs in: reviewer "tester", no colour, UTC, no debug output; `env` adds to
 * it, and a variable given as undefined is removed.
 */
export function cliEnv(env: CliOptions['env'] = {}): Record<string, string> {
	const merged = {...process.env, NO_COLOR: '1', TZ: 'UTC', WINNOW_REVIEWER: 'tester', WINNOW_DEBUG: '', FORCE_COLOR: undefined, ...env};
	return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

function requireBuilt() {
	if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run npm run build first (npm test does)');
}

/** Runs the built CLI without a terminal (pipes for stdin, stdout and stderr) until it exits. */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
	requireBuilt();
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd,
		env: cliEnv(options.env),
		input: options.input ?? '',
		timeout: 30_000,
		maxBuffer: 256 * 1024 * 1024,
	});
	return {status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8'), bytes: result.stdout};
}

/** runCli without blocking this process (while it runs the test can serve it, e.g. read a named pipe it writes). */
export async function runCliAsync(args: string[], options: Omit<CliOptions, 'input'> = {}): Promise<{status: number | null; stderr: string}> {
	requireBuilt();
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: options.cwd, env: cliEnv(options.env), stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const status = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	return {status, stderr};
}

/**
 * Runs the built CLI in a pseudo-terminal (review needs one) until it exits by itself, and returns
 * its exit code and everything it printed, with the terminal's CRs removed.
 */
export async function runInPty(args: string[], options: PtyOptions = {}): Promise<{code: number; output: string; session: PtyProcess}> {
	requireBuilt();
	const session = new PtyProcess(process.execPath, [cliPath, ...args], options);
	const code = await session.waitExit(20_000);
	return {code, output: session.output.replaceAll('\r', ''), session};
}
