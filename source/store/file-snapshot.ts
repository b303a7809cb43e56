import type {Stats} from 'node:fs';
import {parseDecisionsFile} from './decisions-file.js';
import {forEachRecordLine} from './decisions-layout.js';
import {newer} from './merge.js';
import {fileHead, schemaVersion, type DecisionRecord, type DecisionsFile, type ReviewMode} from './schema.js';

/*
The decisions file as this process last read or wrote it, kept as the file's own bytes, line by
line (winnow writes one decision a line), so that with 100,000 decisions in the file a write costs
what changed, not the whole file:
- a write sends the unchanged stretches of the last file as they are (a list of buffers for one
  writev) with the changed and new lines in between: no JSON.stringify of every record, no 15 MB
  string on the main thread;
- when another process has written, its file is compared with ours line by line (memcmp) and only
  the lines that differ are parsed;
- when the file's stat is the one we last read or wrote, nothing is read at all.
A file in another layout (hand-edited, pretty-printed, records reordered) is parsed whole, as before.
*/

const separator = Buffer.from(',\n');

/** A file's identity for "has it changed since": a replaced file (rename) is a new inode. */
export function sameStat(a: Stats | undefined, b: Stats | undefined): boolean {
	if (!a || !b) return a === b;
	return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

type Layout = {
	/** Bytes up to and including `"decisions": [`. */
	headEnd: number;
	starts: number[];
	ends: number[];
};

export class FileSnapshot {
	/** The stat of the file this snapshot holds; undefined with `absent` false means unknown. */
	stat: Stats | undefined;
	/** The file did not exist when last looked at. */
	absent = false;
	/** Set when the snapshot may differ from the file (a write failed half-way): read it whole next time. */
	stale = false;
	dataset: string;
	createdAt: string;
	/** Top-level keys winnow does not know, written back as they were. */
	other: Record<string, unknown> | undefined;
	/** The file's mode, as read (written back as it is). */
	mode: ReviewMode | undefined;
	/** The mode written into a file that has none yet (set by the session that opens it). */
	defaultMode: ReviewMode | undefined;
	/** Bytes of the file last read; record lines are ranges of it unless overridden. */
	private base: Buffer = Buffer.alloc(0);
	private starts: number[] = [];
	private ends: number[] = [];
	/** Lines changed or added since `base` was read: line number → the record's JSON. */
	private readonly overrides = new Map<number, Buffer>();
	/**
	 * Line of each sample's record (a list when several reviewers decided it), keyed by the sample
	 * id string the records themselves hold, and the reviewer of each line.
	 */
	private positions = new Map<string, number | number[]>();
	private reviewers: string[] = [];
	private count = 0;

	constructor(dataset: string, createdAt: string) {
		this.dataset = dataset;
		this.createdAt = createdAt;
	}

	get size(): number {
		return this.count;
	}

	/** Does the file on disk (its stat now) hold exactly this snapshot? */
	matches(current: Stats | undefined): boolean {
		if (this.stale) return false;
		if (current === undefined) return this.absent;
		return !this.absent && sameStat(this.stat, current);
	}

	/**
	 * Takes a whole file, parsed and checked by parseDecisionsFile (which throws the one-sentence
	 * errors). Returns the file's records. In winnow's layout the records are parsed a few hundred
	 * lines at a time, so a 15 MB file never becomes one 15 MB string.
	 */
	load(bytes: Buffer, path: string, datasetName: string, stat: Stats | undefined): DecisionsFile {
		const layout = lineLayout(bytes);
		const file = (layout && loadLines(bytes, layout, path, datasetName)) ?? parseDecisionsFile(bytes.toString('utf8'), path, datasetName);
		this.reset(file.dataset, file.createdAt, stat);
		this.takeHead(file);
		if (layout && layout.starts.length === file.decisions.length) {
			this.base = bytes;
			this.starts = layout.starts;
			this.ends = layout.ends;
			let unique = true;
			for (const [i, record] of file.decisions.entries()) {
				if (this.lineOf(record.sample, record.reviewer) !== undefined) {
					unique = false;
					break;
				}

				this.place(record, i);
			}

			this.count = file.decisions.length;
			if (unique) return file;
			this.reset(file.dataset, file.createdAt, stat);
			this.takeHead(file);
		}

		// Another layout, or one sample and reviewer twice: keep the newest of each, in our layout.
		for (const record of file.decisions) this.apply(record);
		return file;
	}

	/** Forgets everything: the file is absent (or about to be loaded). */
	reset(dataset: string, createdAt: string, stat: Stats | undefined) {
		this.dataset = dataset;
		this.createdAt = createdAt;
		this.other = undefined;
		this.stat = stat;
		this.absent = stat === undefined;
		this.stale = false;
		this.base = Buffer.alloc(0);
		this.starts = [];
		this.ends = [];
		this.overrides.clear();
		this.positions = new Map();
		this.reviewers = [];
		this.count = 0;
		this.mode = undefined;
	}

	private takeHead(file: DecisionsFile) {
		this.mode = file.mode;
		this.other = file.other;
	}

	/**
	 * Takes a newer version of the file by comparing it with this one line by line. Returns the
	 * records that differ (changed or new), or undefined when the file is not in the expected layout
	 * or anything in it looks off: the caller then loads it whole, which also reports errors.
	 */
	update(bytes: Buffer, path: string, datasetName: string, stat: Stats | undefined): DecisionRecord[] | undefined {
		if (this.stale) return undefined;
		const layout = lineLayout(bytes);
		if (!layout || layout.starts.length < this.count) return undefined;
		let head: DecisionsFile;
		try {
			head = parseDecisionsFile(`${bytes.toString('utf8', 0, layout.headEnd)}]}`, path, datasetName);
		} catch {
			return undefined;
		}

		const changedLines: number[] = [];
		for (let j = 0; j < layout.starts.length; j++) {
			if (j < this.count && this.sameLine(j, bytes, layout.starts[j], layout.ends[j])) continue;
			changedLines.push(j);
		}

		let changed: DecisionRecord[] = [];
		if (changedLines.length > 0) {
			// Checked as parseDecisionsFile checks a file, in one go.
			const text = `{"schema":${schemaVersion},"decisions":[${changedLines.map(j => bytes.toString('utf8', layout.starts[j], layout.ends[j])).join(',')}]}`;
			try {
				changed = parseDecisionsFile(text, path, datasetName).decisions;
			} catch {
				return undefined;
			}

			const added = new Set<string>();
			for (const [i, j] of changedLines.entries()) {
				const record = changed[i];
				const known = this.lineOf(record.sample, record.reviewer);
				const key = `${record.sample}\u0000${record.reviewer}`;
				// The same sample and reviewer on the same line, or a new one at the end: anything else
				// (reordered, duplicated) is left to a whole load.
				if (j < this.count ? known !== j : known !== undefined || added.has(key)) return undefined;
				added.add(key);
			}

			for (const [i, j] of changedLines.entries()) {
				if (j >= this.count) this.place(changed[i], j);
			}
		}

		this.base = bytes;
		this.starts = layout.starts;
		this.ends = layout.ends;
		this.overrides.clear();
		this.count = layout.starts.length;
		this.dataset = head.dataset;
		this.createdAt = head.createdAt;
		this.takeHead(head);
		this.stat = stat;
		this.absent = false;
		return changed;
	}

	/** The record held for a sample and reviewer, if any (parsed from its line). */
	get(sample: string, reviewer: string): DecisionRecord | undefined {
		const line = this.lineOf(sample, reviewer);
		if (line === undefined) return undefined;
		const bytes = this.overrides.get(line) ?? this.base.subarray(this.starts[line], this.ends[line]);
		return JSON.parse(bytes.toString('utf8')) as DecisionRecord;
	}

	/**
	 * Merges one record in, newest wins (as mergeRecords). Returns the record now held when it is
	 * not `record` (the file holds a newer one), else undefined.
	 */
	apply(record: DecisionRecord): DecisionRecord | undefined {
		const line = this.lineOf(record.sample, record.reviewer);
		if (line !== undefined) {
			const current = this.get(record.sample, record.reviewer)!;
			if (newer(current, record) !== record) return current;
			this.overrides.set(line, Buffer.from(JSON.stringify(record)));
			return undefined;
		}

		this.place(record, this.count);
		this.overrides.set(this.count, Buffer.from(JSON.stringify(record)));
		this.count++;
		return undefined;
	}

	/** The file's bytes, as buffers to write in order (serializeDecisionsFile's layout). */
	chunks(): Buffer[] {
		const head = Buffer.from(`${fileHead({schema: schemaVersion, dataset: this.dataset, createdAt: this.createdAt, mode: this.mode ?? this.defaultMode, other: this.other})}${this.count > 0 ? '\n' : ''}`);
		const chunks: Buffer[] = [head];
		const changed = [...this.overrides.keys()].sort((a, b) => a - b);
		let line = 0;
		const pushBase = (from: number, to: number) => {
			// Lines from..to-1 of the base, with the separators between them as they stand in it.
			if (from >= to) return;
			if (chunks.length > 1) chunks.push(separator);
			chunks.push(this.base.subarray(this.starts[from], this.ends[to - 1]));
		};

		for (const next of changed) {
			pushBase(line, Math.min(next, this.starts.length));
			if (chunks.length > 1) chunks.push(separator);
			chunks.push(this.overrides.get(next)!);
			line = next + 1;
		}

		pushBase(line, Math.min(this.count, this.starts.length));
		chunks.push(Buffer.from(`${this.count > 0 ? '\n' : ''}]\n}\n`));
		return chunks;
	}

	/** The line of a sample and reviewer's record, if any. */
	private lineOf(sample: string, reviewer: string): number | undefined {
		const lines = this.positions.get(sample);
		if (lines === undefined) return undefined;
		if (typeof lines === 'number') return this.reviewers[lines] === reviewer ? lines : undefined;
		return lines.find(line => this.reviewers[line] === reviewer);
	}

	/** Notes that line `line` holds this record's sample and reviewer (not held yet). */
	private place(record: DecisionRecord, line: number) {
		this.reviewers[line] = record.reviewer;
		const lines = this.positions.get(record.sample);
		if (lines === undefined) this.positions.set(record.sample, line);
		else if (typeof lines === 'number') this.positions.set(record.sample, [lines, line]);
		else lines.push(line);
	}

	private sameLine(j: number, bytes: Buffer, start: number, end: number): boolean {
		const own = this.overrides.get(j);
		if (own) return own.length === end - start && own.compare(bytes, start, end) === 0;
		const ownStart = this.starts[j];
		const ownEnd = this.ends[j];
		return ownEnd - ownStart === end - start && this.base.compare(bytes, start, end, ownStart, ownEnd) === 0;
	}
}

/** Records parsed per this many lines when a file in winnow's layout is loaded. */
const linesPerParse = 512;

/**
 * A file in winnow's layout, parsed and checked as parseDecisionsFile does, a batch of lines at a
 * time. Undefined if anything is off: the caller then parses the whole text, which says what.
 */
function loadLines(bytes: Buffer, layout: Layout, path: string, datasetName: string): DecisionsFile | undefined {
	try {
		const head = parseDecisionsFile(`${bytes.toString('utf8', 0, layout.headEnd)}]}`, path, datasetName);
		const {starts, ends} = layout;
		for (let from = 0; from < starts.length; from += linesPerParse) {
			const to = Math.min(starts.length, from + linesPerParse);
			// The lines are consecutive, separated by ",\n": one slice of the file is the batch.
			const text = `{"schema":${schemaVersion},"decisions":[${bytes.toString('utf8', starts[from], ends[to - 1])}]}`;
			const batch = parseDecisionsFile(text, path, datasetName).decisions;
			if (batch.length !== to - from) return undefined;
			for (const record of batch) head.decisions.push(record);
		}

		return head;
	} catch {
		return undefined;
	}
}

/** Where the records are, if the file has winnow's layout (see decisions-layout.ts); else undefined. */
function lineLayout(bytes: Buffer): Layout | undefined {
	const starts: number[] = [];
	const ends: number[] = [];
	const found = forEachRecordLine(bytes, (start, end) => {
		starts.push(start);
		ends.push(end);
		return true;
	});
	return found && {headEnd: found.headEnd, starts, ends};
}
