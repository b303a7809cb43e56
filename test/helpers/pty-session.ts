import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {PtyProcess, type PtyOptions} from './pty-process.js';

export {type PtyOptions} from './pty-process.js';

export const cliPath = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** The built winnow binary (`node dist/cli.js …`) in a real pseudo-terminal. */
export class PtySession extends PtyProcess {
	constructor(args: string[], options: PtyOptions = {}) {
		if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run npm run build first (npm test does)');
		super(process.execPath, [cliPath, ...args], options);
	}
}

export const keys = {
	left: '\u001B[D',
	right: '\u001B[C',
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	escape: '\u001B',
	enter: '\r',
	backspace: '\u007F',
	ctrlC: '\u0003',
	tab: '\t',
};
