/**
 * Keys typed while the review screen opens (the dataset's first entries read and indexed, the
 * decisions loaded), before the screen listens: q and ctrl-c are answered at once, and any other
 * key is held and handed to the screen when it starts. A file whose first line is hundreds of
 * megabytes takes seconds to open, and a reviewer who changes their mind must not have to wait.
 */
export class OpeningKeys {
	private readonly held: Buffer[] = [];
	// 'readable', as the screen (Ink) reads: switching the stream to flowing mode and back (pause)
	// can leave it not reading, and the process then ends as soon as the screen is drawn.
	private readonly listener = () => {
		let chunk: Buffer | string | null;
		while ((chunk = this.stdin.read() as Buffer | string | null) !== null) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			// q and ctrl-c, the screen's quit keys (raw mode: ctrl-c is a byte, not SIGINT).
			if (bytes.includes(0x71) || bytes.includes(0x03)) {
				this.quit(bytes.includes(0x03) ? 'ctrl-c' : 'q');
				return;
			}

			this.held.push(bytes);
		}
	};

	constructor(private readonly stdin: NodeJS.ReadStream, private readonly quit: (key: 'q' | 'ctrl-c') => void) {}

	start() {
		this.stdin.on('readable', this.listener);
	}

	/**
	 * Stops listening when no screen will follow (the files could not be opened): standard input,
	 * read since start(), would otherwise hold the process open after its error sentence.
	 */
	abandon() {
		this.stop();
		this.stdin.pause();
		this.stdin.unref();
	}

	/** Stops listening; the keys held go back to standard input, for the screen to read. */
	stop() {
		this.stdin.off('readable', this.listener);
		if (this.held.length > 0) this.stdin.unshift(Buffer.concat(this.held));
		this.held.length = 0;
	}
}
