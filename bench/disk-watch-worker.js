// DiskWatch's polling, on its own thread: reading a 15 MB decisions file takes tens of milliseconds,
// and on the bench's main thread that would delay the time stamps of the frames it is measuring.
// A file that only grew (winnow appends records in place of its tail) is read from where it ended.
import {closeSync, openSync, readFileSync, readSync, statSync} from 'node:fs';
import {parentPort, workerData} from 'node:worker_threads';

const {path, interval} = workerData;
let pending = [];
let last = '';
/** The file as last read: its inode and size (winnow appends to it in place: only what grew is read). */
let lastIno;
let lastSize = 0;

parentPort.on('message', expected => {
	pending.push(expected);
});

/** The bytes from `from` to the end, as Latin-1 text. */
function readFrom(from, size) {
	const fd = openSync(path, 'r');
	try {
		const bytes = Buffer.alloc(size - from);
		let read = 0;
		while (read < bytes.length) {
			const n = readSync(fd, bytes, read, bytes.length - read, from + read);
			if (n === 0) break;
			read += n;
		}

		return bytes.toString('latin1', 0, read);
	} finally {
		closeSync(fd);
	}
}

setInterval(() => {
	if (pending.length === 0) return;
	// performance.now() counts from this thread's start: report absolute times.
	const now = performance.timeOrigin + performance.now();
	let stats;
	try {
		stats = statSync(path);
	} catch {
		return;
	}

	const signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
	if (signature === last) return;
	last = signature;
	let text;
	try {
		// Appended: new lines start where the old tail was (`\n]\n}\n`, or with the mode: at most 64 bytes).
		text = stats.ino === lastIno && stats.size > lastSize ? readFrom(Math.max(0, lastSize - 64), stats.size) : readFileSync(path, 'latin1');
	} catch {
		last = '';
		return;
	}

	lastIno = stats.ino;
	lastSize = stats.size;
	pending = pending.filter(({id, needle}) => {
		if (!text.includes(needle)) return true;
		parentPort.postMessage({id, at: now});
		return false;
	});
}, interval);
