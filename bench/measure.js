// Measuring helpers: processes timed from spawn to exit, a watcher that sees decisions land in the
// decisions file, and the statistics the table reports.
import {spawn} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';

export const sleep = async ms => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Runs node with args; resolves with {ms, code, stdout, stderr}, ms from spawn to exit. */
export async function timeProcess(args, {cwd, env} = {}) {
	const started = performance.now();
	const child = spawn(process.execPath, args, {cwd, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', chunk => {
		if (stdout.length < 1_000_000) stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', chunk => {
		stderr += chunk;
	});
	const code = await new Promise(resolve => {
		child.on('exit', resolve);
	});
	const ms = performance.now() - started;
	await new Promise(resolve => {
		if (child.stdout.readableEnded) resolve();
		else child.stdout.on('end', resolve);
	});
	return {ms, code, stdout, stderr};
}

/**
 * Watches a decisions file for expected records. The file is replaced by rename on each write, so
 * its stat is polled every few milliseconds; on a change it is read and searched for each awaited
 * record. A record counts as on disk at the first poll that finds it.
 */
export class DiskWatch {
	constructor(path, reviewer, interval = 5) {
		this.path = path;
		this.reviewer = reviewer;
		this.pending = [];
		this.latencies = [];
		this.last = '';
		this.timer = setInterval(() => this.poll(), interval);
	}

	expect(sample, verdict, sentAt) {
		this.pending.push({needle: `"sample":${JSON.stringify(sample)},"reviewer":${JSON.stringify(this.reviewer)},"verdict":"${verdict}"`, sentAt});
	}

	poll() {
		if (this.pending.length === 0) return;
		const now = performance.now();
		let signature;
		try {
			const stats = statSync(this.path);
			signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
		} catch {
			return;
		}

		if (signature === this.last) return;
		this.last = signature;
		let text;
		try {
			text = readFileSync(this.path, 'latin1');
		} catch {
			this.last = '';
			return;
		}

		this.pending = this.pending.filter(({needle, sentAt}) => {
			if (!text.includes(needle)) return true;
			this.latencies.push(now - sentAt);
			return false;
		});
	}

	/** Waits until every awaited record is on disk (or the timeout passes); returns how many are missing. */
	async settle(timeout = 10_000) {
		const deadline = performance.now() + timeout;
		while (this.pending.length > 0 && performance.now() < deadline) {
			// eslint-disable-next-line no-await-in-loop
			await sleep(10);
		}

		return this.pending.length;
	}

	stop() {
		clearInterval(this.timer);
	}
}

export function median(values) {
	const sorted = values.filter(value => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values, p) {
	const sorted = values.filter(value => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
