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
 * A person's pause between keys, or a writer's between records: input pacing, not a wait for
 * anything (wait with waitFor).
 */
export async function typingPause(ms: number): Promise<void> {
	return pause(ms);
}

async function pause(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}
