// Measuring helpers: processes timed from spawn to exit, a watcher that sees decisions land in the
// decisions file, and the statistics the table reports.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Worker} from 'node:worker_threads';

const cpuReport = new URL('cpu-report.js', import.meta.url).href;
const cpuFolder = mkdtempSync(join(tmpdir(), 'winnow-bench-cpu-'));
process.on('exit', () => {
	rmSync(cpuFolder, {recursive: true, force: true});
});
let cpuFiles = 0;

export const sleep = async ms => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/**
 * Runs node with args (or `command` with args); resolves with {ms, cpu, code, stdout, stderr}, ms from
 * spawn to exit, cpu the CPU time of a Node process (every thread; undefined for other commands),
 * reported by cpu-report.js. With `discard`, standard output goes to /dev/null (for `cat`).
 */
export async function timeProcess(args, {cwd, env, command = process.execPath, discard = false} = {}) {
	const isNode = command === process.execPath;
	const cpuOut = join(cpuFolder, `${cpuFiles++}`);
	const cpuEnv = isNode ? {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${cpuReport}`.trim(), WINNOW_BENCH_CPU_OUT: cpuOut} : {};
	const started = performance.now();
	const child = spawn(command, args, {cwd, env: {...process.env, ...env, ...cpuEnv}, stdio: ['ignore', discard ? 'ignore' : 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', chunk => {
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
		if (!child.stdout || child.stdout.readableEnded) resolve();
		else child.stdout.on('end', resolve);
	});
	let cpu;
	if (isNode) {
		try {
			cpu = Number(readFileSync(cpuOut, 'utf8'));
			rmSync(cpuOut, {force: true});
		} catch {}
	}

	return {ms, cpu, code, stdout, stderr};
}

/**
 * Watches a decisions file for expected records. The file is replaced by rename on each write, so
 * its stat is polled every few milliseconds (on a worker thread, see disk-watch-worker.js); on a
 * change it is read and searched for each awaited record. A record counts as on disk at the first
 * poll that finds it.
 */
export class DiskWatch {
	constructor(path, reviewer, interval = 5) {
		this.reviewer = reviewer;
		this.sent = new Map();
		this.latencies = [];
		/** Each record's latency with when its key was sent (performance.timeOrigin + now, ms). */
		this.timed = [];
		this.nextId = 0;
		this.worker = new Worker(new URL('disk-watch-worker.js', import.meta.url), {workerData: {path, interval}});
		this.worker.unref();
		this.worker.on('message', ({id, at}) => {
			const sentAt = this.sent.get(id);
			this.sent.delete(id);
			if (sentAt === undefined) return;
			this.latencies.push(at - sentAt);
			this.timed.push({sentAt, latency: at - sentAt});
		});
	}

	/** `sentAt` is a performance.now() of this thread. */
	expect(sample, verdict, sentAt) {
		const id = this.nextId++;
		this.sent.set(id, performance.timeOrigin + sentAt);
		this.worker.postMessage({id, needle: `"sample":${JSON.stringify(sample)},"reviewer":${JSON.stringify(this.reviewer)},"verdict":"${verdict}"`});
	}

	get pending() {
		return this.sent.size;
	}

	/** Waits until every awaited record is on disk (or the timeout passes); returns how many are missing. */
	async settle(timeout = 10_000) {
		const deadline = performance.now() + timeout;
		while (this.sent.size > 0 && performance.now() < deadline) {
			await sleep(10);
		}

		return this.sent.size;
	}

	stop() {
		void this.worker.terminate();
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
