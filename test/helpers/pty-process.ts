import {spawn, type IPty} from 'node-pty';
import xterm from '@xterm/headless';
import {sleep} from './pty-session.js';

/**
 * Any command in a pseudo-terminal with a headless xterm screen: for running winnow through
 * setpriv (as another user) or a shell. PtySession runs only `node dist/cli.js`.
 */
export class PtyProcess {
	readonly terminal: InstanceType<typeof xterm.Terminal>;
	readonly pty: IPty;
	output = '';
	exitCode: number | undefined;
	private readonly exited: Promise<number>;

	/** `env` adds to this process's environment; a variable given as undefined is removed. */
	constructor(file: string, args: string[], options: {cols?: number; rows?: number; env?: Record<string, string | undefined>; cwd?: string} = {}) {
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
		this.exited = new Promise(resolve => {
			this.pty.onExit(({exitCode}) => {
				this.exitCode = exitCode;
				resolve(exitCode);
			});
		});
	}

	async screen(): Promise<string> {
		await new Promise<void>(resolve => {
			this.terminal.write('', resolve);
		});
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let i = 0; i < this.terminal.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	async waitFor(pattern: string | RegExp, timeout = 20_000): Promise<string> {
		const deadline = Date.now() + timeout;
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			const screen = await this.screen();
			if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
			if (Date.now() > deadline || this.exitCode !== undefined) {
				throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}\nexit: ${this.exitCode}\noutput tail: ${JSON.stringify(this.output.slice(-400))}`);
			}

			// eslint-disable-next-line no-await-in-loop
			await sleep(25);
		}
	}

	write(keys: string) {
		this.pty.write(keys);
	}

	async waitExit(timeout = 15_000): Promise<number> {
		return Promise.race([
			this.exited,
			sleep(timeout).then(async () => {
				throw new Error(`process did not exit within ${timeout} ms; screen:\n${await this.screen()}`);
			}),
		]);
	}

	kill(signal = 'SIGKILL') {
		try {
			this.pty.kill(signal);
		} catch {}
	}
}
