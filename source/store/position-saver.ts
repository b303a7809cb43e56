/** Where a reviewer is: the sample open, the status filter and the query the screen filters by (`f`), if any. */
export type Position = {sample: string; filter: string; query?: string};

/** Longest wait before a move is written down (ms): often enough for a crash, not a write per key. */
export const positionSaveDelay = 500;

/**
 * Writes a reviewer's position at most once every positionSaveDelay ms, and only when it changed:
 * one debouncer for the file store's writer (reviewer-position.ts) and the database's
 * (postgres/position.ts). A write that fails (throws, or rejects) is tried again with the next
 * change: the position is only a convenience.
 */
export class PositionSaver {
	private pending: Position | undefined;
	private timer: NodeJS.Timeout | undefined;
	/** The position last written (or read back), as JSON. */
	private last: string | undefined;

	constructor(private readonly write: (position: Position) => void | Promise<unknown>, written?: Position) {
		this.last = written && JSON.stringify(written);
	}

	/** Notes a new position, written within positionSaveDelay ms (or at save()). */
	update(position: Position) {
		const text = JSON.stringify(position);
		if (text === this.last && this.pending === undefined) return;
		this.pending = position;
		this.timer ??= setTimeout(() => {
			this.save();
		}, positionSaveDelay);
		this.timer.unref();
	}

	/** Writes the latest position now, if it changed. */
	save() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		const position = this.pending;
		this.pending = undefined;
		if (!position) return;
		const text = JSON.stringify(position);
		if (text === this.last) return;
		this.last = text;
		const forget = () => {
			if (this.last === text) this.last = undefined;
		};

		try {
			const done = this.write(position);
			if (done) done.catch(forget);
		} catch {
			forget();
		}
	}
}
