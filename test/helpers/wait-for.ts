// Tests wait on a condition, never on a clock: a fixed sleep is too short on a loaded machine and
// wasted time on an idle one.

/**
 * Resolves with the predicate's first truthy result, checking at once and then every `interval` ms;
 * fails after `timeout` ms with a message naming what was awaited (by default the predicate's own
 * source) and `detail()` (e.g. the screen).
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, what = String(predicate), {timeout = 20_000, interval = 10, detail}: {timeout?: number; interval?: number; detail?: () => string} = {}): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const result = await predicate();
		if (result) return result;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`);
		await pause(interval);
	}
}

/**
 * One turn of the event loop: the callbacks already queued (Ink holds a lone Escape until then, to
 * tell it from the start of an escape sequence) have run.
 */
export async function eventLoopTurn(): Promise<void> {
	return new Promise(resolve => {
		setImmediate(resolve);
	});
}

/**
 * Waits until `size()` (output so far, a file's length) has stopped growing for `quiet` ms: for what
 * has no end marker, such as a pty's output still in flight when its process has gone.
 */
export async function quietFor(size: () => number, quiet = 60): Promise<void> {
	let last = size();
	let since = Date.now();
	for (;;) {
		await pause(Math.min(20, quiet));
		const now = size();
		if (now !== last) {
			last = now;
			since = Date.now();
		} else if (Date.now() - since >= quiet) {
			return;
		}
	}
}

/**
 * A person's pause between keys, or a writer's between records: input pacing, not a wait for
 * anything (wait with waitFor).
 */
export async function typingPause(ms: number): Promise<void> {
	return pause(ms);
}

/**
 * Lets a process run for `ms` before the test acts on it: a kill at a random moment, a restart as
 * soon as a person would, a check made as long after a decision as the README promises. The length
 * is what is tested; this is not a wait for anything (wait with waitFor).
 */
export async function letRun(ms: number): Promise<void> {
	return pause(ms);
}

async function pause(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}
