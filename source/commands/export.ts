import {fstatSync, type Stats as FileStats} from 'node:fs';
import {realpath, stat} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {listFlag, oneOf, parsePolicy, parseStatuses, parseWhere, UsageError, type CommonOptions} from '../cli/options.js';
import {formatQuery, needsOf} from '../query/index.js';
import {DatasetError} from '../dataset/errors.js';
import {defaultSignalConfig, type SignalConfig} from '../dataset/signals/config.js';
import type {SignalTable} from '../dataset/signals/index.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {AtomicFileOutput, BufferedWriter, SpecialFileOutput, StreamOutput, ViewWriter, type Output} from '../report/output.js';
import {canonicalPath} from '../store/canonical-path.js';
import {ScanWorkers} from '../dataset/scan-workers.js';
import {IdFieldCheck} from '../dataset/id-field-check.js';
import {count, entryCount} from '../report/render.js';
import {checkDatasetFile, malformedReason, openFactsCache, scanDataset, type ScanResult} from '../dataset/dataset-scan.js';
import {groupBySample, StatsAccumulator, type Stats} from '../report/stats.js';
import type {DecisionSource} from '../store/decision-source.js';
import {readDecisionList, readDecisions} from '../store/open-store.js';
import type {DecisionRecord} from '../store/schema.js';
import {sampleJsonAsWritten} from '../dataset/formats/numbers-as-written.js';
import {annotate, annotation, annotationKey, isOneLine, oneLine} from '../report/export-formats/samples-jsonl.js';
import {csvColumns, csvRow, decisionCells} from '../report/export-formats/decisions-csv.js';
import {decisionJson} from '../report/export-formats/decisions-jsonl.js';
import {statuses, type Policy, type SampleStatus, type StatusResult} from '../store/verdict-policy.js';

export type ExportFlags = {
	out?: string;
	status?: string[];
	policy?: string;
	annotate?: boolean;
	/** Original bytes also for corrected samples (default: their correction, as compact JSON). */
	original?: boolean;
	decisions?: boolean;
	format?: string;
	verbose?: boolean;
	json?: boolean;
	by?: string;
	where?: string;
};

export const decisionFormats = ['jsonl', 'csv'] as const;
export type DecisionFormat = (typeof decisionFormats)[number];

const newline = Buffer.from('\n');
const malformedListLimit = 1000;

/**
 * winnow export: the selected samples' original bytes, one per line, in dataset order; or with
 * --annotate the same lines with a "winnow" key added; or with --decisions the decisions themselves.
 * Returns the exit code.
 */
export async function runExport(common: CommonOptions, flags: ExportFlags, signalConfig: SignalConfig = defaultSignalConfig): Promise<number> {
	if (flags.by !== undefined) throw new UsageError('--by applies to winnow stats, not winnow export.');
	if (flags.json) throw new UsageError('--json applies to winnow stats; winnow export writes JSON Lines (or CSV with --decisions --format csv).');
	if (flags.decisions) return exportDecisions(common, flags);
	if (flags.format !== undefined) throw new UsageError('--format applies to --decisions (winnow export data.jsonl --decisions --format csv); samples are always written as JSON Lines.');

	const wanted = parseStatuses(flags.status);
	const policy = parsePolicy(flags.policy);
	const query = parseWhere(flags.where);
	checkDatasetFile(common.dataset);
	const needs = query && needsOf(query);
	// The scan's workers start while the decisions file is read.
	const check = ScanWorkers.start(common.dataset, common.idField);
	// And the facts cache is looked up and read meanwhile.
	const factsCache = openFactsCache(common.dataset, common.idField);
	const stderr = (line: string) => process.stderr.write(`${line}\n`);
	const idCheck = new IdFieldCheck(common.idField, common.idField !== 'id');
	let file: DecisionSource | undefined;
	let accumulator: StatsAccumulator | undefined;
	let scan: ScanResult | undefined;
	let written = 0;
	let corrected = 0;
	let malformedMatched = 0;
	const malformedReasons: Array<{line: number; element: number; reason: string}> = [];

	// --annotate adds each sample's signals, and --where may ask about them: computed on another core
	// while the decisions file is read.
	// The signals, the query's matcher and the corrections are loaded only when asked for: the
	// sample formats and every signal's detector are most of winnow's code, to read and run at start.
	const signals = flags.annotate || needs?.signals || needs?.clusters ? import('../dataset/signals/compute.js').then(async ({computeSignals}) => computeSignals(common.dataset, signalConfig)) : undefined;
	signals?.catch(() => undefined);
	let sampleIndex = -1;
	let fieldProblem: string | undefined;
	const output = await withOutput(common, flags.out, async output => {
		file = await readDecisions(common.dbSpec, {path: common.dataset, name: common.datasetName}, check?.readLines);
		const table = await signals;
		const matcher = query && new (await import('../query/entry-facts.js')).EntryMatcher(query, table);
		const decided = new StatsAccumulator(file ?? [], {policy, trackRepeats: false, reviewers: false, dataset: {path: common.dataset, idField: common.idField}});
		// Samples someone corrected: written as their correction (newest wins) unless --original.
		const correctedIds = new Set<string>();
		if (file && !flags.original) for (let i = 0; i < file.length; i++) if (file.hasCorrection(i)) correctedIds.add(file.sample(i));
		const {correctionOf} = correctedIds.size > 0 ? await import('../review/corrections.js') : {correctionOf: undefined};
		accumulator = decided;
		// Selected lines are written where they are read (a file's writev), else copied (a stream).
		const writer = output.writev ? new ViewWriter(output as Output & Required<Pick<Output, 'writev'>>) : new BufferedWriter(output);
		scan = await scanDataset(common.dataset, common.idField, (entry, malformed) => {
			sampleIndex++;
			idCheck.seeEntry(entry, malformed);
			const result = decided.add(entry, entry.lineNumber, malformed);
			const chosen = selected(result, wanted);
			if (matcher && !malformed && !chosen) matcher.see(entry.bytes);
			if (matcher && chosen && !matcher.matches(entry.bytes, sampleIndex, result, () => decided.recordsFor(entry.id))) return;

			if (malformed) {
				if (flags.verbose && malformedReasons.length < malformedListLimit) malformedReasons.push({line: entry.lineNumber, element: sampleIndex, reason: malformedReason(entry.bytes)});
				if (chosen) malformedMatched++;
				return;
			}

			if (!chosen) return;
			written++;
			// The id's text is made only when someone corrected a sample (most exports: nobody did).
			const correction = correctionOf && correctedIds.has(entry.id) ? correctionOf(decided.recordsFor(entry.id)) : undefined;
			if (correction) {
				// The one exception to byte-exact output: a corrected sample is its correction, as compact JSON.
				corrected++;
				// Its numbers as the line wrote them where they are unchanged (an id beyond 2^53 stays that id).
				const bytes = Buffer.from(sampleJsonAsWritten(correction.correction, entry.bytes.toString('utf8')));
				writer.push(flags.annotate ? annotate(bytes, annotation(entry.id, entry.lineNumber, result, policy, decided.recordsFor(entry.id), table, sampleIndex, entry.bytes, correction)) : bytes);
			} else if (flags.annotate) {
				writer.push(annotate(oneLine(entry.bytes), annotation(entry.id, entry.lineNumber, result, policy, decided.recordsFor(entry.id), table, sampleIndex, entry.bytes)));
			} else if (isOneLine(entry.buffer, entry.from, entry.to, entry.isLine)) {
				// The line and its own line feed in one copy (a CRLF line gets a line feed alone).
				if (entry.buffer[entry.to] === 0x0a) {
					writer.copy(entry.buffer, entry.from, entry.to + 1);
					return;
				}

				writer.copy(entry.buffer, entry.from, entry.to);
			} else {
				writer.push(oneLine(entry.bytes));
			}

			writer.push(newline);
		}, async () => {
			await writer.flush();
			if (output.closed) throw new OutputClosed();
		}, check, decided.scanLookup(), writer instanceof ViewWriter, {factsCache, undecided: matcher || wanted.has('undecided') ? undefined : (hashId, lineNumber, firstSeen) => {
			// An entry nobody decided, when undecided entries are not exported and no --where looks
			// at every entry: only counted, as the visit above would count it.
			if (idCheck.needsBytes(hashId) || !decided.addUndecided(lineNumber, firstSeen)) return false;
			sampleIndex++;
			idCheck.see(hashId, false);
			return true;
		}});
		await writer.flush();
		await writer.settle();
		fieldProblem = matcher?.fields.problem(common.dataset);
	}).finally(() => check?.stop());

	if (output.closed || !accumulator || !scan) return 0;
	if (!file) {
		const note = wanted.has('undecided') ? '' : wanted.size === 1 ? `, so there is nothing ${[...wanted][0]} to export` : ', so there is nothing to export';
		stderr(`winnow: ${noDecisionsYet(common)}: every sample is undecided${note}.`);
	}

	const stats = accumulator.finish();
	for (const idWarning of idCheck.warnings(common.dataset)) stderr(`winnow: ${sanitizeLine(idWarning)}`);
	if (fieldProblem) stderr(`winnow: --where ${sanitizeLine(JSON.stringify(flags.where))}: ${sanitizeLine(fieldProblem)}.`);
	const what = [...wanted].join(', ');
	const where = query ? `; where ${formatQuery(query)}` : '';
	stderr(`winnow: exported ${count(written)} ${written === 1 ? 'sample' : 'samples'} (${what}${where}; policy ${policy}${flags.annotate ? `; annotated under "${annotationKey}"` : ''}) to ${sanitizeLine(output.name)}.`);
	if (corrected > 0) stderr(`  ${count(corrected)} corrected ${corrected === 1 ? 'sample' : 'samples'} written as corrected (compact JSON, not the original bytes); --original writes the original bytes.`);
	for (const line of summary(stats, common.dataset, scan.layout)) stderr(`  ${line}`);
	if (stats.malformed.count > 0) {
		const matched = malformedMatched > 0 ? `, ${count(malformedMatched)} of them selected by --status${query ? ' and --where' : ''}` : '';
		const unit = scan.layout === 'array' ? 'element' : 'line';
		stderr(`  ${count(stats.malformed.count)} malformed ${stats.malformed.count === 1 ? unit : `${unit}s`} skipped${matched}${flags.verbose ? ':' : ' (--verbose lists them)'}`);
		if (flags.verbose) {
			// In a file that is one JSON array, entries are elements (from 0, as the review screen's header counts them).
			for (const {line, element, reason} of malformedReasons) stderr(`    ${sanitizeLine(common.dataset)}, ${scan.layout === 'array' ? `element ${element}` : `line ${line}`}: ${sanitizeLine(reason)}`);
			if (stats.malformed.count > malformedReasons.length) stderr(`    … and ${count(stats.malformed.count - malformedReasons.length)} more`);
		}
	}

	return 0;
}

function selected(result: StatusResult, wanted: ReadonlySet<SampleStatus>): boolean {
	const {matches} = result;
	for (let i = 0; i < matches.length; i++) if (wanted.has(matches[i])) return true;
	return false;
}

/** Per-status counts and what a lead should know, as lines for stderr. */
function summary(stats: Stats, dataset: string, layout: string): string[] {
	const lines = [];
	const {total} = stats.samples;
	const counts = statuses.map(status => `${count(stats.status[status])} ${status}`).join(', ');
	const entries = stats.malformed.count === 0
		? `${entryCount(total, 0)}${layout === 'array' ? ' (JSON array elements)' : ''}`
		: entryCount(total, stats.malformed.count, layout === 'array' ? `JSON array ${total === 1 ? 'element' : 'elements'}` : undefined);
	lines.push(`${sanitizeLine(dataset)}: ${entries}: ${counts}.`);
	if (stats.samples.unsettled > 0) {
		lines.push(`${count(stats.samples.unsettled)} ${stats.samples.unsettled === 1 ? 'sample is' : 'samples are'} undecided because reviewers disagree (policy ${stats.policy}); a lead can resolve them in the review screen.`);
	}

	if (stats.samples.changed > 0) {
		const {changed} = stats.samples;
		lines.push(`${count(changed)} ${changed === 1 ? 'sample' : 'samples'} changed since decided (${changed === 1 ? 'its' : 'their'} bytes are not the ones decided on): not exported as decided; decide ${changed === 1 ? 'it' : 'them'} again (status:changed).`);
	}

	if (stats.missingSamples.decisions > 0) {
		const {decisions, samples} = stats.missingSamples;
		lines.push(`${count(decisions)} ${decisions === 1 ? 'decision is' : 'decisions are'} on ${count(samples)} ${samples === 1 ? 'sample' : 'samples'} not in the dataset (winnow stats lists them).`);
	}

	return lines;
}

/* --decisions ------------------------------------------------------------------------------------ */

async function exportDecisions(common: CommonOptions, flags: ExportFlags): Promise<number> {
	if (flags.annotate) throw new UsageError('--annotate attaches decisions to samples; it cannot be combined with --decisions, which writes the decisions themselves.');
	if (flags.original) throw new UsageError('--original chooses the bytes written for corrected samples; --decisions writes the decisions themselves (their "correction" field holds any correction).');
	if (listFlag(flags.status).length > 0) throw new UsageError('--status chooses samples; --decisions writes every decision (filter the rows by their verdict column instead).');
	if (flags.where !== undefined) throw new UsageError('--where chooses samples; --decisions writes every decision (filter the rows by their columns instead, e.g. the rule column).');
	if (flags.policy !== undefined) throw new UsageError('--policy combines reviewers\' decisions on samples; --decisions writes each decision as it is, so it takes no policy.');
	const format = oneOf('--format', flags.format ?? 'jsonl', decisionFormats);
	let exported = 0;
	let cleared = 0;
	const output = await withOutput(common, flags.out, async output => {
		const decisions = await readDecisionList(common.dbSpec, {path: common.dataset, name: common.datasetName});
		if (!decisions) process.stderr.write(`winnow: ${noDecisionsYet(common)}: there are no decisions to export.\n`);
		const records: DecisionRecord[] = [];
		for (const list of groupBySample(decisions ?? []).values()) {
			for (const record of list) {
				if (record.verdict === null) cleared++;
				else records.push(record);
			}
		}

		records.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.sample !== b.sample ? (a.sample < b.sample ? -1 : 1) : a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
		const writer = new BufferedWriter(output);
		if (format === 'csv') writer.push(Buffer.from(csvRow(csvColumns)));
		for (const record of records) {
			writer.push(Buffer.from(format === 'csv' ? csvRow(decisionCells(record)) : `${decisionJson(record)}\n`));
			if (writer.shouldFlush) {
				await writer.flush();
				if (output.closed) throw new OutputClosed();
			}
		}

		await writer.flush();
		await writer.settle();
		exported = records.length;
	});

	if (output.closed) return 0;
	const left = cleared > 0 ? ` (${count(cleared)} undone ${cleared === 1 ? 'decision' : 'decisions'} left out)` : '';
	process.stderr.write(`winnow: exported ${count(exported)} ${exported === 1 ? 'decision' : 'decisions'} as ${format === 'csv' ? 'CSV' : 'JSON Lines'} to ${sanitizeLine(output.name)}${left}.\n`);
	return 0;
}

/* shared ----------------------------------------------------------------------------------------- */

/** "no decisions file yet (path)", or for a database "no decisions on NAME yet in URL" (password masked). */
export function noDecisionsYet(common: CommonOptions): string {
	return common.dbSpec.kind === 'file'
		? `no decisions file yet (${sanitizeLine(common.db)})`
		: `no decisions on ${sanitizeLine(common.datasetName)} yet in ${sanitizeLine(common.db)}`;
}

/**
 * Opens the output (checking --out first), removes its temporary file on SIGINT, SIGTERM or SIGHUP
 * from then on, runs `write`, and commits the output (the rename, for a file) only if `write`
 * succeeds; on any failure the target is left as it was. A reader that closed the pipe early ends
 * the export quietly (output.closed is then set).
 */
async function withOutput(common: CommonOptions, out: string | undefined, write: (output: Output) => Promise<void>): Promise<Output> {
	const output = await openOutput(common, out);
	const removeSignalHandlers = cleanUpOnSignals(output);
	try {
		await write(output);
		await output.commit();
	} catch (error) {
		await output.abort();
		if (!(error instanceof OutputClosed)) throw error;
	} finally {
		removeSignalHandlers();
	}

	return output;
}

class OutputClosed extends Error {}

/**
 * Checks --out before anything is read: its folder must exist, it must not be a folder, and it must
 * not be the dataset or the decisions file (compared by resolved real path and by inode, so a
 * symlink or hard link to either is refused too). Standard output is refused when it is a terminal:
 * samples are untrusted bytes that may hold escape sequences.
 */
async function openOutput(common: CommonOptions, out: string | undefined): Promise<Output> {
	if (out === undefined || out === '-') {
		if (process.stdout.isTTY) {
			throw new UsageError('standard output is a terminal, and exported samples are raw bytes that may hold escape sequences: give --out FILE, or redirect (> file, | less).');
		}

		// `winnow export d.jsonl >> d.jsonl` would append the dataset to itself while reading it.
		let output: FileStats | undefined;
		try {
			output = fstatSync(1);
		} catch {}

		for (const [path, what] of [[common.dataset, 'the dataset'], [common.db, 'the decisions file']] as const) {
			const stats = await stat(path).catch(() => undefined);
			if (output?.isFile() && stats && stats.dev === output.dev && stats.ino === output.ino) {
				throw new UsageError(`standard output is ${what} (${path}); winnow export never writes over it: redirect to another file, or give --out FILE.`);
			}
		}

		return new StreamOutput(process.stdout);
	}

	if (out.trim() === '') throw new UsageError('--out needs a file name, e.g. --out accepted.jsonl.');
	const folder = dirname(resolve(out));
	let folderStats;
	try {
		folderStats = await stat(folder);
	} catch {
		throw new UsageError(`cannot write ${out}: the folder ${folder} does not exist; create it first (mkdir -p '${folder}').`);
	}

	if (!folderStats.isDirectory()) throw new UsageError(`cannot write ${out}: ${folder} is not a folder.`);
	const target = await stat(out).catch(() => undefined);
	if (target?.isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file name, e.g. --out ${join(out, 'accepted.jsonl')}.`);

	for (const [path, what] of [[common.dataset, 'the dataset'], [common.db, 'the decisions file']] as const) {
		if (await samePath(out, path)) throw new UsageError(`--out ${out} is ${what}${path === out ? '' : ` (${path})`}; winnow export never writes over it: choose another file.`);
	}

	try {
		// A device or a named pipe is written into; a link, through (its target is replaced).
		if (target && !target.isFile()) return await SpecialFileOutput.create(out);
		return await AtomicFileOutput.create(out, canonicalPath(out));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new DatasetError(`cannot write ${out} (${code === 'EACCES' || code === 'EPERM' ? `permission denied in ${folder}` : code ?? (error as Error).message}).`);
	}
}

async function samePath(a: string, b: string): Promise<boolean> {
	const [statA, statB] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
	if (statA && statB && statA.dev === statB.dev && statA.ino === statB.ino) return true;
	return (await canonical(a)) === (await canonical(b));
}

/** Real path of the folder plus the file name (the file itself may not exist yet). */
async function canonical(path: string): Promise<string> {
	const absolute = resolve(path);
	try {
		return await realpath(absolute);
	} catch {
		try {
			return join(await realpath(dirname(absolute)), basename(absolute));
		} catch {
			return absolute;
		}
	}
}

/** While a file is being written, ctrl-c, SIGTERM and SIGHUP remove the temporary file and exit. */
function cleanUpOnSignals(output: Output): () => void {
	const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(signal => {
		const handler = () => {
			output.abortSync();
			process.stderr.write(`winnow: export interrupted (${signal}); ${output instanceof AtomicFileOutput ? `${output.name} was left as it was.` : 'the output is incomplete.'}\n`);
			process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
		};

		process.on(signal, handler);
		return [signal, handler] as const;
	});
	return () => {
		for (const [signal, handler] of handlers) process.off(signal, handler);
	};
}


