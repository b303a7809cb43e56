import {open, stat} from 'node:fs/promises';
import {DecisionsFileError, fileProblem} from './errors.js';
import {RecordArray, type DecisionSource} from './decision-source.js';
import {DecisionLines, type LinesHelper} from './decision-lines.js';
import {mergeRecords} from './merge.js';
import {recordProblem} from './record-lines.js';
import {fileHead, knownTopLevelKeys, reviewModes, schemaVersion, type DecisionRecord, type DecisionsFile, type ReviewMode} from './schema.js';

/**
 * Reads and checks a decisions file; undefined when it does not exist yet. Its records are the
 * newest per sample and reviewer (a decision changed later is a newer line further down).
 */
export async function readDecisionsFile(path: string, datasetName: string): Promise<DecisionsFile | undefined> {
	const file = await readChecked(path, bytes => {
		const lines = readLines(bytes, path, datasetName);
		return lines ? {...lines.head, decisions: lines.records.records()} : parseDecisionsFile(bytes.toString('utf8'), path, datasetName);
	});
	if (!file) return undefined;
	const newest = new Map<string, DecisionRecord>();
	mergeRecords(newest, file.decisions);
	if (newest.size < file.decisions.length) file.decisions = [...newest.values()];
	return file;
}

/**
 * readDecisionsFile for export and stats: the same checks and errors, the records as a
 * DecisionSource that, for a file in winnow's layout, makes record objects only when asked.
 */
export async function readDecisionSource(path: string, datasetName: string, helper?: LinesHelper): Promise<DecisionSource | undefined> {
	return readChecked(path, async bytes => (await readLinesShared(bytes, path, datasetName, helper))?.records ?? new RecordArray(parseDecisionsFile(bytes.toString('utf8'), path, datasetName).decisions), helper !== undefined);
}

/** Reads tried before a file that does not parse is called damaged, this many ms apart. */
const tornReadAttempts = 10;
const tornReadPause = 20;

/**
 * The file read and checked by `check`. A reviewer's append in place is not atomic for a reader
 * without the lock, and within one tick of the file's modification time a read can still catch its
 * first half: a file that does not check is read again a few times (an append takes well under a
 * millisecond) before its error stands.
 */
async function readChecked<T>(path: string, check: (bytes: Buffer) => T | Promise<T>, shared = false): Promise<T | undefined> {
	for (let attempt = 1; ; attempt++) {
		const bytes = await readBytes(path, shared);
		if (!bytes) return undefined;
		try {
			return await check(bytes);
		} catch (error) {
			if (!(error instanceof DecisionsFileError) || attempt >= tornReadAttempts) throw error;
			await new Promise(resolve => {
				setTimeout(resolve, tornReadPause);
			});
		}
	}
}

/**
 * The file's bytes as they stood between two writes: winnow appends in place, and a read that
 * overlapped an append (the file's stat changed while it was read) is read again.
 */
async function readBytes(path: string, shared = false): Promise<Buffer | undefined> {
	try {
		for (let attempt = 0; ; attempt++) {
			const before = await stat(path);
			const bytes = await readWhole(path, shared);
			const after = await stat(path);
			if (attempt >= 20 || (before.ino === after.ino && before.size === after.size && before.mtimeMs === after.mtimeMs && before.ctimeMs === after.ctimeMs)) return bytes;
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'EISDIR') throw new DecisionsFileError(`${path} is a directory, not a decisions file; pass --db with a file name.`);
		throw new DecisionsFileError(`${path} cannot be read (${fileProblem(error)}); check its permissions.`);
	}
}

/**
 * The whole file, as fs.promises.readFile reads it, but in one read call where readFile makes one a
 * 512 KB: each is a trip through the thread pool, and a decisions file of a million decisions (130 MB)
 * took 250 of them, each waiting for a thread while the other cores were busy.
 */
async function readWhole(path: string, shared: boolean): Promise<Buffer> {
	const handle = await open(path, 'r');
	// In shared memory, for another thread to read some of the lines (DecisionLines.readShared).
	const allocate = (size: number) => (shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size));
	try {
		const {size} = await handle.stat();
		// One byte more than the size: a read that fills it shows the file grew since.
		let bytes = allocate(size + 1);
		let length = 0;
		for (;;) {
			if (length === bytes.length) {
				const grown = allocate(bytes.length * 2);
				bytes.copy(grown, 0, 0, length);
				bytes = grown;
			}

			const {bytesRead} = await handle.read(bytes, length, Math.min(bytes.length - length, 1 << 30), length);
			if (bytesRead === 0) break;
			length += bytesRead;
		}

		return bytes.subarray(0, length);
	} finally {
		await handle.close();
	}
}

/**
 * A file in winnow's own layout, its record lines checked one by one (see decision-lines.ts) and
 * its head by parseDecisionsFile; undefined when anything is off, for the whole parse to say what.
 */
function readLines(bytes: Buffer, path: string, datasetName: string): {head: DecisionsFile; records: DecisionLines} | undefined {
	return withHead(DecisionLines.read(bytes), bytes, path, datasetName);
}

/** readLines with some of the lines read by `helper` (DecisionLines.readShared). */
async function readLinesShared(bytes: Buffer, path: string, datasetName: string, helper: LinesHelper | undefined): Promise<{head: DecisionsFile; records: DecisionLines} | undefined> {
	return withHead(await DecisionLines.readShared(bytes, helper), bytes, path, datasetName);
}

function withHead(records: DecisionLines | undefined, bytes: Buffer, path: string, datasetName: string): {head: DecisionsFile; records: DecisionLines} | undefined {
	if (!records) return undefined;
	try {
		return {head: parseDecisionsFile(`${bytes.toString('utf8', 0, records.headEnd)}]}`, path, datasetName), records};
	} catch {
		return undefined;
	}
}

export function parseDecisionsFile(text: string, path: string, datasetName: string): DecisionsFile {
	const recover = `winnow will not overwrite it: repair it by hand, or move it aside (mv '${path}' '${path}.bad') to start a new one`;
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new DecisionsFileError(`${path} is not valid JSON${whereInText(text, (error as Error).message)} (${(error as Error).message}); ${recover}.`);
	}

	if (!isObject(data) || !Array.isArray(data.decisions) || typeof data.schema !== 'number') {
		throw new DecisionsFileError(`${path} is not a winnow decisions file (no "schema" and "decisions"); ${recover}, or pass --db to choose another file.`);
	}

	if (data.schema > schemaVersion) {
		throw new DecisionsFileError(`${path} was written by a newer winnow (schema ${data.schema}; this version reads ${schemaVersion}); upgrade winnow to use it.`);
	}

	if (typeof data.dataset === 'string' && data.dataset !== datasetName) {
		throw new DecisionsFileError(`${path} holds decisions for ${data.dataset}, not ${datasetName}; pass --db to use another decisions file (or, if the dataset was renamed, change "dataset" in that file).`);
	}

	const decisions: DecisionRecord[] = [];
	for (const [i, record] of data.decisions.entries()) {
		const problem = recordProblem(record);
		if (problem !== undefined) {
			throw new DecisionsFileError(`${path} line ${lineOfElement(text, i)}: decision ${i + 1} ${problem}; ${recover}.`);
		}

		decisions.push(record as DecisionRecord);
	}

	if (data.createdAt !== undefined && typeof data.createdAt !== 'string') {
		throw new DecisionsFileError(`${path}: "createdAt" is ${JSON.stringify(data.createdAt)}, not a time; ${recover}.`);
	}

	if (data.mode !== undefined && !(reviewModes as readonly unknown[]).includes(data.mode)) {
		throw new DecisionsFileError(`${path}: "mode" is ${JSON.stringify(data.mode)}, but it can only be "split" or "overlap"; correct it by hand, or remove the line to start the file's mode afresh.`);
	}

	const other: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) if (!knownTopLevelKeys.includes(key)) other[key] = value;
	const file: DecisionsFile = {
		schema: schemaVersion,
		dataset: typeof data.dataset === 'string' ? data.dataset : datasetName,
		createdAt: typeof data.createdAt === 'string' ? data.createdAt : new Date().toISOString(),
		decisions,
		...(Object.keys(other).length > 0 ? {other} : {}),
	};
	if (data.mode !== undefined) file.mode = data.mode as ReviewMode;
	return file;
}

/** One decision a line: readable, diff-friendly and half the size of lowdb's two-space indent. */
export function serializeDecisionsFile(data: DecisionsFile): string {
	const head = fileHead(data);
	const body = data.decisions.map(record => JSON.stringify(record)).join(',\n');
	return `${head}${body ? `\n${body}\n` : ''}]\n}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The line on which element `index` of the top-level "decisions" list starts: a walk over the text
 * that skips strings, for an error message only.
 */
function lineOfElement(text: string, index: number): number {
	const open = /"decisions"\s*:\s*\[/.exec(text);
	if (!open) return 1;
	let depth = 0;
	let element = 0;
	let line = 1 + countLines(text, 0, open.index);
	let expectStart = true;
	for (let i = open.index + open[0].length; i < text.length; i++) {
		const c = text[i];
		if (c === '\n') {
			line++;
			continue;
		}

		if (c === ' ' || c === '\t' || c === '\r') continue;
		if (depth === 0 && expectStart) {
			if (element === index) return line;
			expectStart = false;
		}

		if (c === '"') {
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
		} else if (c === '{' || c === '[') {
			depth++;
		} else if (c === '}' || c === ']') {
			if (depth === 0) break;
			depth--;
		} else if (c === ',' && depth === 0) {
			element++;
			expectStart = true;
		}
	}

	return line;
}

function countLines(text: string, from: number, to: number): number {
	let lines = 0;
	for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) lines++;
	return lines;
}

/** " at line L, column C" for a JSON.parse error that gives a position, else nothing. */
function whereInText(text: string, message: string): string {
	const position = /\bposition (\d+)/.exec(message);
	if (!position) return '';
	const at = Math.min(Number(position[1]), text.length);
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	let line = 1;
	for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
	return ` at line ${line}, column ${at - lineStart + 1}`;
}
