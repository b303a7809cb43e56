import {readFileSync} from 'node:fs';
import {waitFor} from './wait-for.js';

/*
Processes a test started that may still run (winnow in a pseudo-terminal or in tmux). A winnow that
is killed or told to quit still writes on its way out (its `.live/` presence and leases, the
decisions file): a temporary folder removed meanwhile fails with ENOTEMPTY, or is written again
after it was removed. useTempDir's cleanup first ends every process still tracked here and waits
until each is gone.
*/

export type Running = {
	/** Ends the process now (SIGKILL: it writes nothing more). */
	kill(): void;
	/** Resolves once the process is gone. */
	gone(): Promise<void>;
	/** Its working folder and arguments: a folder being removed ends only the processes that name it. */
	paths: readonly string[];
};

const running = new Set<Running>();

/** Tracks a process until it is gone; returns the function that stops tracking it. */
export function trackProcess(process: Running): () => void {
	running.add(process);
	return () => running.delete(process);
}

/**
 * Kills every tracked process still running that works in one of `dirs` (its folder or an argument
 * inside one) and waits until all are gone (at most `limit` ms). Processes of other tests running
 * concurrently, in other folders, are left alone.
 */
export async function endProcesses(dirs: readonly string[], limit = 15_000): Promise<void> {
	const left = [...running].filter(process => process.paths.some(path => dirs.some(dir => path === dir || path.includes(`${dir}/`))));
	for (const process of left) running.delete(process);
	for (const process of left) process.kill();
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<void>((_, reject) => {
		timer = setTimeout(() => {
			reject(new Error(`${left.length} test process(es) still running ${limit} ms after SIGKILL`));
		}, limit);
	});
	try {
		await Promise.race([Promise.all(left.map(async process => process.gone())), late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Whether the process with this pid (not necessarily our child) is alive and not a zombie (Linux: /proc). */
export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		return !'ZX'.includes(stat[stat.lastIndexOf(')') + 2]);
	} catch {
		return false;
	}
}

/** Resolves once the process with this pid (not necessarily our child) is gone or a zombie. */
export async function pidGone(pid: number, timeout = 20_000): Promise<void> {
	await waitFor(() => !isRunning(pid), `process ${pid} to end`, {timeout});
}
