/** A problem with the decisions file, told in one sentence that says what to do. */
export class DecisionsFileError extends Error {}

const fileProblems: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on the disk',
	EDQUOT: 'disk quota exceeded',
	ENOTDIR: 'part of the path is not a folder',
	ENOENT: 'no such folder',
	EISDIR: 'it is a folder',
	EIO: 'input/output error on the disk',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files',
	ENAMETOOLONG: 'the name is too long',
	EFBIG: 'the file is too large',
	EPIPE: 'the reader went away',
};

/** A failed file operation in plain words ("permission denied", "no such folder"), for messages. */
export function fileProblem(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	return (code && fileProblems[code]) ?? code ?? message;
}
