// Loaded into every Node process the bench times (NODE_OPTIONS=--import): on exit, the main thread
// writes the process's CPU time (user + system, every thread: getrusage RUSAGE_SELF) to the file named
// by WINNOW_BENCH_CPU_OUT. On a machine shared with other work, wall times grow with the load and CPU
// times hardly do: the bench prints both.
import {writeFileSync} from 'node:fs';
import {isMainThread} from 'node:worker_threads';

const out = process.env.WINNOW_BENCH_CPU_OUT;
if (out && isMainThread) {
	process.on('exit', () => {
		const {userCPUTime, systemCPUTime} = process.resourceUsage();
		try {
			writeFileSync(out, String((userCPUTime + systemCPUTime) / 1000));
		} catch {}
	});
}
