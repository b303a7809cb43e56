/**
 * Keys typed while the review screen opens (the dataset's first entries read and indexed, the
 * decisions loaded), before the screen listens: q and ctrl-c are answered at once, and any other
 * key is held and handed to the screen when it starts. A file whose first line is hundreds of
 * megabytes takes seconds to open, and a reviewer who changes their mind must not have to wait.
 */
export class OpeningKeys {
	private readonly held: Buffer[] = [];
	private readonly listener = (chunk: Buffer | string) => {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		for (const byte of bytes) {
			// q, Q and ctrl-c (raw mode: ctrl-c is a byte, not SIGINT).
			if (byte === 0x71 || byte === 0x51 || byte === 0x03) {
				this.quit(byte === 0x03 ? 'ctrl-c' : 'q');
				return;
			}
		}

		this.held.push(bytes);
	};

	constructor(private readonly stdin: NodeJS.ReadStream, private readonly quit: (key: 'q' | 'ctrl-c') => void) {}

	start() {
		this.stdin.on('data', this.listener);
	}

	/** Stops listening; the keys held go back to standard input, for the screen to read. */
	stop() {
		this.stdin.off('data', this.listener);
		this.stdin.pause();
		if (this.held.length > 0) this.stdin.unshift(Buffer.concat(this.held));
		this.held.length = 0;
	}
}
