/** An error meant for the person at the terminal: its message is one complete sentence. */
export class DatasetError extends Error {}

/** Turns a file-system error into one sentence that names the file and says what to do. */
export function describeFsError(path: string, error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT': {
			return `${path}: no such file. Check the path (winnow --help shows the usage).`;
		}

		case 'EACCES':
		case 'EPERM': {
			return `${path}: permission denied. Check the file's permissions (ls -l) or run as a user who can read it.`;
		}

		case 'EISDIR': {
			return `${path} is a directory; give the path of a .jsonl file inside it.`;
		}

		default: {
			const detail = error instanceof Error ? error.message : String(error);
			return `${path}: cannot be read (${detail}).`;
		}
	}
}
