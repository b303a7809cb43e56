import {spawn, type IPty} from 'node-pty';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import {trackProcess} from './live-processes.js';
import {typingPause, waitFor, quietFor} from './wait-for.js';

/** The built command line (npm test builds it first). */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type PtyOptions = {cols?: number; rows?: number; env?: Record<string, string | undefined>; cwd?: string};

/**
 * A command in a real pseudo-terminal, with a headless xterm keeping the screen as a person would
 * see it: raw mode, the alternate screen and cursor moves all take effect. PtySession runs the
 * built winnow; this runs anything (winnow through setpriv as another user, or a shell).
 * (bench/pty.js is the benchmarks' own: it stamps each screen with the time its output arrived.)
 */
export class PtyProcess {
	readonly terminal: InstanceType<typeof xterm.Terminal>;
	readonly pty: IPty;
	output = '';
	exitCode: number | undefined;
	signal: number | undefined;
	private readonly exited: Promise<number>;

	/** `env` adds to this process's environment; a variable given as undefined is removed. */
	constructor(file: string, args: string[], options: PtyOptions = {}) {
		const cols = options.cols ?? 100;
		const rows = options.rows ?? 30;
		this.terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
		this.pty = spawn(file, args, {
			// node-pty sets TERM to this name, over env.TERM.
			name: options.env?.TERM ?? 'xterm-256color',
			cols,
			rows,
			cwd: options.cwd ?? process.cwd(),
			env: Object.fromEntries(Object.entries({...process.env, WINNOW_REVIEWER: 'tester', WINNOW_DEBUG: '', ...options.env}).filter(([, value]) => value !== undefined)) as Record<string, string>,
		});
		this.pty.onData(data => {
			this.output += data;
			this.terminal.write(data);
		});
		// Until it is gone, useTempDir's cleanup waits for it (killing it if the test left it running).
		let gone!: () => void;
		const goneNow = new Promise<void>(resolve => {
			gone = resolve;
		});
		const untrack = trackProcess({kill: () => this.kill('SIGKILL'), gone: async () => goneNow, paths: [options.cwd ?? process.cwd(), ...args]});
		this.exited = new Promise(resolve => {
			this.pty.onExit(({exitCode, signal}) => {
				untrack();
				gone();
				this.exitCode = exitCode;
				this.signal = signal;
				// node-pty can report the exit before the last output has been read: resolve once the
				// output has stopped growing (the child is gone, so it can only be what was in flight).
				void quietFor(() => this.output.length).then(() => resolve(exitCode));
			});
		});
	}

	/** The visible screen as text, one line per row. */
	async screen(): Promise<string> {
		await new Promise<void>(resolve => {
			this.terminal.write('', resolve);
		});
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let i = 0; i < this.terminal.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	/** Waits until the screen shows `pattern` (failing at once if the process has exited) and returns the screen. */
	async waitFor(pattern: string | RegExp, timeout = 20_000): Promise<string> {
		let screen = '';
		return waitFor(async () => {
			screen = await this.screen();
			if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
			if (this.exitCode !== undefined) throw new Error(`exited (${this.exitCode}) before showing ${String(pattern)}; screen:\n${screen}\noutput tail: ${JSON.stringify(this.output.slice(-400))}`);
			return undefined;
		}, String(pattern), {timeout, interval: 25, detail: () => `screen:\n${screen}\noutput tail: ${JSON.stringify(this.output.slice(-400))}`});
	}

	write(keys: string) {
		this.pty.write(keys);
	}

	/**
	 * Types keys one at a time at a person's pace: keys that reach the terminal together are read as
	 * one chunk (a paste, or Escape and the next key as alt-key).
	 */
	async press(...keys: string[]) {
		for (const key of keys) {
			this.pty.write(key);
			await typingPause(60);
		}
	}

	async waitExit(timeout = 15_000): Promise<number> {
		let exited = false;
		void this.exited.then(() => {
			exited = true;
		});
		try {
			await waitFor(() => exited, 'the process to exit', {timeout});
		} catch {
			throw new Error(`process did not exit within ${timeout} ms; screen:\n${await this.screen()}`);
		}

		return this.exited;
	}

	kill(signal = 'SIGKILL') {
		try {
			this.pty.kill(signal);
		} catch {}
	}
}

/** The built winnow binary (`node dist/cli.js …`) in a real pseudo-terminal. */
export class PtySession extends PtyProcess {
	constructor(args: string[], options: PtyOptions = {}) {
		if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run npm run build first (npm test does)');
		super(process.execPath, [cliPath, ...args], options);
	}
}

export const keys = {
	left: '\u001B[D',
	right: '\u001B[C',
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	escape: '\u001B',
	enter: '\r',
	backspace: '\u007F',
	ctrlC: '\u0003',
	tab: '\t',
};
