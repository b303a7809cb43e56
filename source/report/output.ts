import {once} from 'node:events';
import {closeSync, unlinkSync} from 'node:fs';
import {chmod, open, rename, stat, unlink, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {randomBytes} from 'node:crypto';

/** Where an export goes: standard output, or a file replaced atomically when the export completes. */
export type Output = {
	readonly name: string;
	write(data: Buffer): Promise<void>;
	/** Makes the output final (for a file: fsync, then rename over the target). */
	commit(): Promise<void>;
	/** Gives up: for a file, the temporary file is removed and the target left as it was. */
	abort(): Promise<void>;
	/** abort() for signal handlers, which cannot wait. */
	abortSync(): void;
	/** True once the reader went away (a closed pipe): stop writing, quietly. */
	readonly closed: boolean;
	/** The bytes given to write() may be changed once its promise resolves (they were written). */
	readonly reusesData: boolean;
	/**
	 * Writes the pieces in order, where they are (a file: one system call for up to 1,024 of them,
	 * no copy); they may be changed once its promise resolves. Not offered by a stream, which may
	 * still hold the bytes after its write.
	 */
	writev?(pieces: Uint8Array[]): Promise<void>;
};

/** Writes to a stream (standard output), waiting for 'drain'; a closed pipe (EPIPE) ends it quietly. */
export class StreamOutput implements Output {
	closed = false;
	// A stream may still hold the bytes after write() returns (queued behind a slow reader).
	readonly reusesData = false;
	private failure: Error | undefined;

	constructor(private readonly stream: NodeJS.WritableStream, readonly name = 'standard output') {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.closed = true;
			else this.failure = error;
		});
	}

	async write(data: Buffer): Promise<void> {
		if (this.failure) throw this.failure;
		if (this.closed || data.length === 0) return;
		if (!this.stream.write(data)) {
			// events.once rejects when 'error' is emitted while it waits: the 'error' listener above
			// has already sorted a closed pipe from a failure.
			const settle = (promise: Promise<unknown>) => promise.catch(() => undefined);
			await Promise.race([settle(once(this.stream, 'drain')), settle(once(this.stream, 'close')), settle(once(this.stream, 'error'))]);
		}

		if (this.failure) throw this.failure;
	}

	async commit(): Promise<void> {
		if (this.failure) throw this.failure;
	}

	async abort(): Promise<void> {}

	abortSync(): void {}
}

const backgroundSyncBytes = 32 * 1024 * 1024;

/**
 * Writes to a temporary file beside the target (same folder, so the rename is atomic), then fsyncs
 * and renames it over the target. Killed at any point, the target holds its old content or does not
 * exist; a SIGKILL can leave the temporary file (.<name>.winnow-<pid>-<random>.tmp) behind.
 */
export class AtomicFileOutput implements Output {
	/** `target` as the user named it; `realTarget` the file replaced (a link's target). */
	static async create(target: string, realTarget = target): Promise<AtomicFileOutput> {
		const path = resolve(realTarget);
		const temporary = join(dirname(path), `.${basename(path)}.winnow-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
		const handle = await open(temporary, 'wx', 0o666);
		const output = new AtomicFileOutput(target, path, temporary, handle);
		try {
			const existing = await stat(path);
			await chmod(temporary, existing.mode & 0o7777);
		} catch {}

		return output;
	}

	readonly closed = false;
	readonly reusesData = true;
	private done = false;
	private unsynced = 0;
	private syncing: Promise<Error | undefined> | undefined;

	private constructor(readonly name: string, private readonly path: string, readonly temporary: string, private readonly handle: FileHandle) {}

	async write(data: Buffer): Promise<void> {
		await writeAll(this.handle, data);
		this.written(data.length);
	}

	async writev(pieces: Uint8Array[]): Promise<void> {
		this.written(await writeAllPieces(this.handle, pieces));
	}

	private written(bytes: number) {
		// Every so many megabytes, start flushing what is written to disk in the background, so that
		// the fsync before the rename has little left to do.
		this.unsynced += bytes;
		if (this.unsynced >= backgroundSyncBytes && !this.syncing) {
			this.unsynced = 0;
			this.syncing = this.handle.datasync().then(() => undefined, (error: unknown) => error as Error).finally(() => {
				this.syncing = undefined;
			});
		}
	}

	async commit(): Promise<void> {
		const failed = await this.syncing;
		if (failed) throw failed;
		await this.handle.sync();
		await this.handle.close();
		this.done = true;
		try {
			await rename(this.temporary, this.path);
		} catch (error) {
			await unlink(this.temporary).catch(() => undefined);
			throw error;
		}

		// Make the rename itself durable; not every file system lets a folder be fsynced.
		try {
			const folder = await open(dirname(this.path), 'r');
			await folder.sync().catch(() => undefined);
			await folder.close();
		} catch {}
	}

	async abort(): Promise<void> {
		if (this.done) return;
		this.done = true;
		await this.handle.close().catch(() => undefined);
		await unlink(this.temporary).catch(() => undefined);
	}

	abortSync(): void {
		if (this.done) return;
		this.done = true;
		try {
			closeSync(this.handle.fd);
		} catch {}

		try {
			unlinkSync(this.temporary);
		} catch {}
	}
}

/**
 * Writes into a file that is not a regular file (a device such as /dev/null, a named pipe, a
 * socket): it cannot be replaced by renaming a temporary file over it (that would put a regular file
 * where the device was), so the bytes go straight in, as a shell redirection would do.
 */
export class SpecialFileOutput implements Output {
	static async create(path: string): Promise<SpecialFileOutput> {
		// Opening a named pipe for writing waits for its reader, as `> fifo` does.
		return new SpecialFileOutput(path, await open(path, 'w'));
	}

	closed = false;
	readonly reusesData = true;
	private done = false;

	private constructor(readonly name: string, private readonly handle: FileHandle) {}

	async write(data: Buffer): Promise<void> {
		await this.writev([data]);
	}

	async writev(pieces: Uint8Array[]): Promise<void> {
		if (this.closed) return;
		try {
			await writeAllPieces(this.handle, pieces);
		} catch (error) {
			// The pipe's reader went away: stop writing, quietly, as with standard output.
			if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
			this.closed = true;
		}
	}

	async commit(): Promise<void> {
		if (this.done) return;
		this.done = true;
		await this.handle.close();
	}

	async abort(): Promise<void> {
		if (this.done) return;
		this.done = true;
		await this.handle.close().catch(() => undefined);
	}

	abortSync(): void {
		if (this.done) return;
		this.done = true;
		try {
			closeSync(this.handle.fd);
		} catch {}
	}
}

/**
 * Gathers small pieces into large writes, copying them into a buffer that is reused from write to
 * write (two, turn about: one is filled while the other is written), so that an export of hundreds
 * of megabytes neither allocates, and faults in, fresh memory for every megabyte it writes nor waits
 * for each write before it goes on. Where the output may still hold the bytes after a write (see
 * Output.reusesData), each write gets a copy instead.
 */
export class BufferedWriter {
	private buffer: Buffer = Buffer.alloc(0);
	private spare: Buffer = Buffer.alloc(0);
	private size = 0;
	/** The write in progress, if any; settles with its error, if any. */
	private writing: Promise<Error | undefined> | undefined;

	constructor(private readonly output: Output, private readonly threshold = 1 << 20) {}

	/** Queues a copy of the bytes. */
	push(data: Uint8Array) {
		this.copy(data, 0, data.length);
	}

	/** Queues a copy of source[from, to). */
	copy(source: Uint8Array, from: number, to: number) {
		const length = to - from;
		if (this.size + length > this.buffer.length) this.grow(this.size + length);
		if (length === 1) this.buffer[this.size] = source[from];
		else this.buffer.set(source.subarray(from, to), this.size);
		this.size += length;
	}

	get pending(): number {
		return this.size;
	}

	get shouldFlush(): boolean {
		return this.size >= this.threshold;
	}

	/**
	 * Waits for the previous write, then starts writing what is queued (not waiting for it: call
	 * settle() at the end). Throws the error of a failed write.
	 */
	async flush(): Promise<void> {
		await this.settle();
		if (this.size === 0) return;
		const queued = this.buffer.subarray(0, this.size);
		this.size = 0;
		[this.buffer, this.spare] = [this.spare, this.buffer];
		this.writing = this.output.write(this.output.reusesData ? queued : Buffer.from(queued)).then(() => undefined, (error: unknown) => error as Error);
	}

	/** Waits for the write in progress; throws its error, if it failed. */
	async settle(): Promise<void> {
		const {writing} = this;
		this.writing = undefined;
		const error = await writing;
		if (error) throw error;
	}

	private grow(needed: number) {
		const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2, this.threshold + (64 * 1024)));
		this.buffer.copy(grown, 0, 0, this.size);
		this.buffer = grown;
	}
}

/**
 * Gathers the pieces to write as views of where they are (the lines of a read chunk, say) rather
 * than copies, for an output that writes them in place (Output.writev): the same calls as
 * BufferedWriter, and the bytes must stay as they are until the write is settled (the flush after
 * the next one, or settle()). Copying 220 MB of selected lines out of the shared memory the scan
 * reads into costs V8 a byte-by-byte copy where the source and the destination are not aligned
 * alike (most lines); a view is an object, and the kernel copies the bytes once, as it would anyway.
 */
export class ViewWriter {
	private pieces: Uint8Array[] = [];
	private size = 0;
	private last: Uint8Array | undefined;
	private lastFrom = 0;
	private lastTo = 0;
	private writing: Promise<Error | undefined> | undefined;

	constructor(private readonly output: Output & {writev(pieces: Uint8Array[]): Promise<void>}) {}

	/** Queues the bytes themselves. */
	push(data: Uint8Array) {
		this.close();
		this.pieces.push(data);
		this.size += data.length;
	}

	/** Queues source[from, to): a piece that continues the last one (the next line of a run) extends it. */
	copy(source: Uint8Array, from: number, to: number) {
		if (source === this.last && from === this.lastTo) {
			this.lastTo = to;
		} else {
			this.close();
			this.last = source;
			this.lastFrom = from;
			this.lastTo = to;
		}

		this.size += to - from;
	}

	get pending(): number {
		return this.size;
	}

	get shouldFlush(): boolean {
		return this.size >= 1 << 20;
	}

	/** Waits for the previous write, then starts writing what is queued. Throws the error of a failed write. */
	async flush(): Promise<void> {
		await this.settle();
		this.close();
		if (this.pieces.length === 0) return;
		const {pieces} = this;
		this.pieces = [];
		this.size = 0;
		this.writing = this.output.writev(pieces).then(() => undefined, (error: unknown) => error as Error);
	}

	/** Waits for the write in progress; throws its error, if it failed. */
	async settle(): Promise<void> {
		const {writing} = this;
		this.writing = undefined;
		const error = await writing;
		if (error) throw error;
	}

	/** The run of copy() pieces being extended, as a piece. */
	private close() {
		if (this.last === undefined) return;
		// A plain view (a Buffer's subarray makes a Buffer, several times the cost, once a selected line).
		const {last} = this;
		this.pieces.push(new Uint8Array(last.buffer, last.byteOffset + this.lastFrom, this.lastTo - this.lastFrom));
		this.last = undefined;
	}
}

/** Writes every piece, in order (a write may take fewer bytes than given); returns the bytes written. */
async function writeAllPieces(handle: FileHandle, pieces: Uint8Array[]): Promise<number> {
	let total = 0;
	for (const piece of pieces) total += piece.length;
	let {bytesWritten} = await handle.writev(pieces);
	if (bytesWritten === total) return total;
	// A short write (rare, on a regular file): the rest, piece by piece.
	for (const piece of pieces) {
		if (bytesWritten >= piece.length) {
			bytesWritten -= piece.length;
			continue;
		}

		await writeAll(handle, Buffer.from(piece.buffer, piece.byteOffset + bytesWritten, piece.length - bytesWritten));
		bytesWritten = 0;
	}

	return total;
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
	for (let offset = 0; offset < data.length;) {
		const {bytesWritten} = await handle.write(data, offset, data.length - offset);
		offset += bytesWritten;
	}
}
