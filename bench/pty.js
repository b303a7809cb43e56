// The built winnow in a real pseudo-terminal, its output fed to a headless xterm, so the benchmark
// sees the screen as a person would. Every chunk of output is stamped with its arrival time; a
// waiter resolves with the arrival time of the chunk that made its condition true.
import {readFileSync} from 'node:fs';
import {spawn} from 'node-pty';
import xterm from '@xterm/headless';

export class PtyScreen {
	constructor(cli, args, {cols = 100, rows = 30, env = {}, cwd = process.cwd(), nodeOptions = []} = {}) {
		this.cols = cols;
		this.rows = rows;
		this.terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
		this.waiters = [];
		this.exitCode = undefined;
		this.startedAt = performance.now();
		this.pty = spawn(process.execPath, [...nodeOptions, cli, ...args], {
			name: 'xterm-256color',
			cols,
			rows,
			cwd,
			env: {...process.env, WINNOW_REVIEWER: 'bench', ...env},
		});
		this.pid = this.pty.pid;
		this.pty.onData(data => {
			const arrived = performance.now();
			this.terminal.write(data, () => this.check(arrived));
		});
		this.exited = new Promise(resolve => {
			this.pty.onExit(({exitCode}) => {
				this.exitCode = exitCode;
				for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`winnow exited (${exitCode}) while waiting for ${waiter.what}; screen:\n${this.lines().join('\n')}`));
				resolve(exitCode);
			});
		});
	}

	/** The visible screen, one string a row. */
	lines() {
		const buffer = this.terminal.buffer.active;
		const lines = [];
		for (let i = 0; i < this.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
		return lines;
	}

	check(arrived) {
		if (this.waiters.length === 0) return;
		const lines = this.lines();
		for (const waiter of [...this.waiters]) {
			if (!waiter.test(lines)) continue;
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			clearTimeout(waiter.timer);
			waiter.resolve({at: arrived, lines});
		}
	}

	/** Resolves with {at, lines} once test(lines) holds (checked now, then after every chunk). */
	async waitFor(test, what = 'a screen', timeout = 60_000) {
		const lines = this.lines();
		if (test(lines)) return {at: performance.now(), lines};
		return new Promise((resolve, reject) => {
			const waiter = {test, what, resolve, reject};
			waiter.timer = setTimeout(() => {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				reject(new Error(`timed out after ${timeout} ms waiting for ${what}; screen:\n${this.lines().join('\n')}`));
			}, timeout);
			this.waiters.push(waiter);
		});
	}

	write(keys) {
		this.pty.write(keys);
	}

	/** Peak resident memory of the winnow process so far (VmHWM), in bytes. */
	peakRss() {
		try {
			const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
			const match = /VmHWM:\s+(\d+) kB/.exec(status);
			return match ? Number(match[1]) * 1024 : undefined;
		} catch {
			return undefined;
		}
	}

	async quit(timeout = 20_000) {
		this.write('q');
		const timer = setTimeout(() => this.kill(), timeout);
		await this.exited;
		clearTimeout(timer);
	}

	kill() {
		try {
			this.pty.kill('SIGKILL');
		} catch {}
	}
}

/** The review screen's header: position, count, whether indexing goes on, and the sample's id. */
export function header(lines) {
	// Numbers are shown with thousands separators (1,000,000).
	const match = /\s(\d[\d,]*)\/(\d[\d,]*)(\+?) id (\S+)/.exec(lines[0] ?? '');
	if (!match) return undefined;
	const number = text => Number(text.replaceAll(',', ''));
	return {number: number(match[1]), count: number(match[2]), partial: match[3] === '+', id: match[4]};
}

/** The status bar says the decisions file is still being read (keys wait for it). */
export function readingDecisions(lines) {
	return lines.some(line => /reading decisions \d+%/.test(line));
}

export function indexing(lines) {
	return lines.some(line => /reading \d+%/.test(line));
}
