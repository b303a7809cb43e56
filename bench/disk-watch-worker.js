// DiskWatch's polling, on its own thread: reading a 15 MB decisions file takes tens of milliseconds,
// and on the bench's main thread that would delay the time stamps of the frames it is measuring.
import {readFileSync, statSync} from 'node:fs';
import {parentPort, workerData} from 'node:worker_threads';

const {path, interval} = workerData;
let pending = [];
let last = '';

parentPort.on('message', expected => {
	pending.push(expected);
});

setInterval(() => {
	if (pending.length === 0) return;
	// performance.now() counts from this thread's start: report absolute times.
	const now = performance.timeOrigin + performance.now();
	let signature;
	try {
		const stats = statSync(path);
		signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
	} catch {
		return;
	}

	if (signature === last) return;
	last = signature;
	let text;
	try {
		text = readFileSync(path, 'latin1');
	} catch {
		last = '';
		return;
	}

	pending = pending.filter(({id, needle}) => {
		if (!text.includes(needle)) return true;
		parentPort.postMessage({id, at: now});
		return false;
	});
}, interval);
