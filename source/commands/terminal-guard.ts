const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';

/**
 * Puts the review screen on the alternate screen and makes sure every way out (quit, signal,
 * crash) leaves the terminal as it was: main screen back, cursor shown, raw mode off. After an SSH
 * link drops, writes fail with EIO: that is caught here and reported as a broken terminal.
 */
export class TerminalGuard {
	usable = true;
	private entered = false;
	private brokenListener: (() => void) | undefined;

	constructor(private readonly stdout: NodeJS.WriteStream) {
		stdout.on('error', () => {
			this.usable = false;
			this.brokenListener?.();
		});
		const broken = () => {
			this.usable = false;
			this.brokenListener?.();
		};

		// A terminal that hangs up (SSH link dropped, tmux session killed) ends standard input: with
		// an error (EIO) or as an end of file, and not always with a SIGHUP.
		process.stdin.on('error', broken);
		process.stdin.on('end', broken);
		process.stdin.on('close', broken);
	}

	onBroken(listener: () => void) {
		this.brokenListener = listener;
	}

	enter() {
		if (this.entered) return;
		this.entered = true;
		this.write(enterAlternateScreen);
		process.once('exit', () => {
			this.leave();
		});
	}

	leave() {
		if (!this.entered) return;
		this.entered = false;
		try {
			if (process.stdin.isTTY) process.stdin.setRawMode(false);
		} catch {}

		this.write(showCursor + leaveAlternateScreen);
	}

	/** Hands the terminal to another program (the editor): main screen, cursor shown, raw mode off. */
	suspend() {
		if (!this.entered) return;
		try {
			if (process.stdin.isTTY) process.stdin.setRawMode(false);
		} catch {}

		this.write(showCursor + leaveAlternateScreen);
	}

	/** Takes the terminal back after suspend: alternate screen, cursor hidden, raw mode on. */
	resume() {
		if (!this.entered) return;
		this.write(enterAlternateScreen + hideCursor);
		try {
			if (process.stdin.isTTY) process.stdin.setRawMode(true);
		} catch {}
	}

	private write(text: string) {
		if (!this.usable) return;
		try {
			this.stdout.write(text);
		} catch {
			this.usable = false;
		}
	}
}
