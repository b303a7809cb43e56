import {DatasetError} from '../dataset/errors.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {DecisionsFileError, fileProblem} from '../store/errors.js';
import {ConfigError} from '../config/errors.js';
import {UsageError} from './usage-error.js';

/** Prints one sentence for a failure and returns the exit code; a stack trace only with WINNOW_DEBUG. */
export function reportFatal(error: unknown): number {
	if (error instanceof UsageError) {
		process.stderr.write(`winnow: ${sanitizeLine(error.message)}\n`);
		return 2;
	}

	if (error instanceof ConfigError) {
		for (const problem of error.problems) process.stderr.write(`winnow: ${sanitizeLine(problem)}\n`);
		return 2;
	}

	if (error instanceof DatasetError || error instanceof DecisionsFileError) {
		process.stderr.write(`winnow: ${sanitizeLine(error.message)}\n`);
		return 1;
	}

	// A failed read or write (a full disk, /dev/full, an I/O error) is the machine's, not a bug.
	const {code, path, syscall} = (error ?? {}) as NodeJS.ErrnoException;
	if (code && ['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'EFBIG', 'EPIPE'].includes(code)) {
		const what = path ? sanitizeLine(path) : syscall === 'write' ? 'the output' : 'a file';
		process.stderr.write(`winnow: cannot ${syscall === 'read' || syscall === 'open' ? 'use' : 'write'} ${what}: ${fileProblem(error)}. Nothing already saved was lost; free some space or choose another place, then run it again.\n`);
		return 1;
	}

	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`winnow: unexpected error: ${sanitizeLine(message)}. Nothing already saved was lost; please report this (run with WINNOW_DEBUG=1 for details).\n`);
	if (process.env.WINNOW_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
	return 1;
}
