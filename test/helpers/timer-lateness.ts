/**
 * Starts measuring how late this process's timers run: the machine's load (other test files beside
 * this one) delays winnow's write timer just as much, so the crash tests add it to what they allow.
 * The returned function stops measuring and gives the most a 5 ms timer was late (ms).
 */
export function measureTimerLateness(): () => number {
	let lateness = 0;
	let tick = Date.now();
	const lag = setInterval(() => {
		const now = Date.now();
		lateness = Math.max(lateness, now - tick - 5);
		tick = now;
	}, 5);
	return () => {
		clearInterval(lag);
		return lateness;
	};
}
