import {spawnSync} from 'node:child_process';
import {expect} from 'vitest';
import {cliPath, type PtyOptions} from './pty-session.js';
import {PtyProcess} from './pty-process.js';

export {cliPath};

export type CliResult = {status: number | null; stdout: string; stderr: string};

/** Runs the built CLI without a terminal (pipes for stdin, stdout and stderr). */
export function runCli(args: string[], options: {env?: Record<string, string>; cwd?: string; input?: string} = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd,
		env: {...process.env, WINNOW_REVIEWER: 'tester', WINNOW_DEBUG: '', ...options.env},
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: 30_000,
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/**
 * Runs the built CLI in a pseudo-terminal (review needs one) until it exits by itself, and returns
 * its exit code and everything it printed, with the terminal's CRs removed.
 */
export async function runInPty(args: string[], options: Omit<PtyOptions, 'env'> & {env?: Record<string, string | undefined>} = {}): Promise<{code: number; output: string; session: PtyProcess}> {
	const session = new PtyProcess(process.execPath, [cliPath, ...args], options);
	const code = await session.waitExit(20_000);
	return {code, output: session.output.replaceAll('\r', ''), session};
}

/** The message of a refusal: one line, "winnow: " and one sentence, no stack trace. */
export function expectOneSentence(text: string, ...mentions: Array<string | RegExp>) {
	const message = text.trimEnd();
	expect(message.split('\n'), `expected one line, got:\n${message}`).toHaveLength(1);
	expect(message).toMatch(/^winnow: \S.*[.)]$/);
	expect(message).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
	expect(message).not.toMatch(/\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/);
	for (const mention of mentions) {
		if (typeof mention === 'string') expect(message).toContain(mention);
		else expect(message).toMatch(mention);
	}
}
