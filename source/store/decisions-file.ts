import {readFile} from 'node:fs/promises';
import {DecisionsFileError, fileProblem} from './errors.js';
import {RecordArray, type DecisionSource} from '../report/decision-source.js';
import {DecisionLines} from './decision-lines.js';
import {checkRecord} from './record-lines.js';
import {schemaVersion, type DecisionRecord, type DecisionsFile} from './schema.js';

/** Reads and checks a decisions file; undefined when it does not exist yet. */
export async function readDecisionsFile(path: string, datasetName: string): Promise<DecisionsFile | undefined> {
	const bytes = await readBytes(path);
	if (!bytes) return undefined;
	const lines = readLines(bytes, path, datasetName);
	return lines ? {...lines.head, decisions: lines.records.records()} : parseDecisionsFile(bytes.toString('utf8'), path, datasetName);
}

/**
 * readDecisionsFile for export and stats: the same checks and errors, the records as a
 * DecisionSource that, for a file in winnow's layout, makes record objects only when asked.
 */
export async function readDecisionSource(path: string, datasetName: string): Promise<DecisionSource | undefined> {
	const bytes = await readBytes(path);
	if (!bytes) return undefined;
	return readLines(bytes, path, datasetName)?.records ?? new RecordArray(parseDecisionsFile(bytes.toString('utf8'), path, datasetName).decisions);
}

async function readBytes(path: string): Promise<Buffer | undefined> {
	try {
		return await readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'EISDIR') throw new DecisionsFileError(`${path} is a directory, not a decisions file; pass --db with a file name.`);
		throw new DecisionsFileError(`${path} cannot be read (${fileProblem(error)}); check its permissions.`);
	}
}

/**
 * A file in winnow's own layout, its record lines checked one by one (see decision-lines.ts) and
 * its head by parseDecisionsFile; undefined when anything is off, for the whole parse to say what.
 */
function readLines(bytes: Buffer, path: string, datasetName: string): {head: DecisionsFile; records: DecisionLines} | undefined {
	const records = DecisionLines.read(bytes);
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
		if (!checkRecord(record)) {
			throw new DecisionsFileError(`${path}: decision ${i + 1} is malformed (it needs sample, reviewer, verdict and at); ${recover}.`);
		}

		decisions.push(record as DecisionRecord);
	}

	return {
		schema: schemaVersion,
		dataset: typeof data.dataset === 'string' ? data.dataset : datasetName,
		createdAt: typeof data.createdAt === 'string' ? data.createdAt : new Date().toISOString(),
		decisions,
	};
}

/** One decision a line: readable, diff-friendly and half the size of lowdb's two-space indent. */
export function serializeDecisionsFile(data: DecisionsFile): string {
	const head = `{\n"schema": ${data.schema},\n"dataset": ${JSON.stringify(data.dataset)},\n"createdAt": ${JSON.stringify(data.createdAt)},\n"decisions": [`;
	const body = data.decisions.map(record => JSON.stringify(record)).join(',\n');
	return `${head}${body ? `\n${body}\n` : ''}]\n}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
