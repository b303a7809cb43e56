import {readFileSync} from 'node:fs';

/**
 * Is the process with this pid (on this host) waiting for a CPU or in the middle of disk I/O, as a
 * process on a loaded machine is, rather than stopped (SIGSTOP), or asleep on something that does not
 * come back (a write to a terminal nobody reads)? From /proc/PID/stat's state letter: R (runnable) or
 * D (disk I/O). Undefined where /proc cannot tell (another system, or the process is gone).
 */
export function isRunnable(pid: number): boolean | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'latin1');
	} catch {
		return undefined;
	}

	// "PID (COMMAND) STATE …": the command may hold spaces and parentheses, the state follows the last ')'.
	const state = text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
	if (state === '') return undefined;
	return state === 'R' || state === 'D';
}

/** Whether a process with this pid lives on this host (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
