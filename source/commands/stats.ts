import {sanitizeLine} from '../dataset/sanitize.js';
import {stat} from 'node:fs/promises';
import {basename} from 'node:path';
import {parsePolicy, parseWhere, UsageError, type CommonOptions} from '../cli/options.js';
import {computeSignals} from '../dataset/signals/compute.js';
import {defaultSignalConfig, type SignalConfig} from '../dataset/signals/config.js';
import type {SignalTable} from '../dataset/signals/table.js';
import {renderStats} from '../report/render.js';
import {renderSignalSections} from '../report/render-signals.js';
import {ReasonColumn, signalStats, StatusColumn, type SignalStats} from '../report/signal-stats.js';
import {ScanWorkers} from '../dataset/scan-workers.js';
import {IdFieldCheck} from '../dataset/id-field-check.js';
import {checkDatasetFile, malformedReason, openFactsCache, scanDataset} from '../dataset/dataset-scan.js';
import {StatsAccumulator, type Stats} from '../report/stats.js';
import {terminalCapabilities} from '../report/terminal.js';
import {readDecisions} from '../store/open-store.js';
import type {DecisionSource} from '../store/decision-source.js';
import type {DecisionRecord} from '../store/schema.js';
import type {Policy} from '../store/verdict-policy.js';
import {EntryMatcher} from '../query/entry-facts.js';
import {FieldCheck} from '../query/field-check.js';
import {decodeEntry} from '../dataset/parse-entry.js';
import {missingGroup} from '../dataset/signals/types.js';
import type {SignalLookup} from '../query/signal-lookup.js';
import {fieldPathOf, formatQuery, needsOf, type Query} from '../query/index.js';

/** How many malformed entries stats --verbose says why of (as export --verbose). */
const malformedReasonLimit = 20;

export type StatsFlags = {
	json?: boolean;
	policy?: string;
	verbose?: boolean;
	out?: string;
	status?: string[];
	annotate?: boolean;
	decisions?: boolean;
	format?: string;
	by?: string;
	where?: string;
};

/** Version of the --json object; bumped only if a field is removed or changes meaning. */
export const statsJsonVersion = 1;

export type StatsJson = {
	version: number;
	dataset: {path: string; layout: 'jsonl' | 'array'; bytes: number; blankLines: number};
	decisionsFile: {path: string; exists: boolean};
	/** --where, spelt canonically; null without it. Every figure is then about the matching samples only (Diversity excepted). */
	where: string | null;
} & Stats & SignalStats;

/** winnow stats: one streaming pass over the dataset, then a table (or --json) on stdout. */
export async function runStats(common: CommonOptions, flags: StatsFlags, signalConfig: SignalConfig = defaultSignalConfig): Promise<number> {
	for (const [flag, given] of [['--out', flags.out !== undefined], ['--status', (flags.status?.length ?? 0) > 0], ['--annotate', flags.annotate], ['--decisions', flags.decisions], ['--format', flags.format !== undefined]] as const) {
		if (given) throw new UsageError(`${flag} applies to winnow export, not winnow stats.`);
	}

	const policy = parsePolicy(flags.policy);
	const by = parseBy(flags.by);
	const query = parseWhere(flags.where);
	if (query && by !== undefined) throw new UsageError('--by breaks the whole dataset down by a field; it cannot be combined with --where (use a field term in the query instead, e.g. --where model:gpt-4o).');
	checkDatasetFile(common.dataset);
	// Signals are computed on another core (a worker thread) while this one reads the decisions and scans.
	// The detectors' code only for --where (signal:refusal:chosen judges one answer again); the figures need none.
	const signals = computeSignals(common.dataset, signalConfig, undefined, {by, reasons: query !== undefined});
	signals.catch(() => undefined);
	// The scan's workers start while the decisions file is read (with --where, the first pass scans alone).
	const check = query ? undefined : ScanWorkers.start(common.dataset, common.idField);
	// And the facts cache is looked up and read meanwhile.
	const factsCache = openFactsCache(common.dataset, common.idField);
	let file;
	try {
		file = await readDecisions(common.dbSpec, {path: common.dataset, name: common.datasetName}, check?.readLines);
	} catch (error) {
		check?.stop();
		throw error;
	}

	// With --where, a first pass picks the matching entries; the figures are made from them and
	// from the decisions on them alone.
	const slice = query ? await selectEntries(common, query, file, policy, needsOf(query).signals || needsOf(query).clusters ? await signals : undefined) : undefined;
	if (slice?.missingFields) process.stderr.write(`winnow: --where ${sanitizeLine(JSON.stringify(flags.where))}: ${sanitizeLine(slice.missingFields)}.\n`);
	const accumulator = new StatsAccumulator(slice ? slice.records : file ?? [], {policy, dataset: {path: common.dataset, idField: common.idField}});
	const size = await stat(common.dataset).then(stats => stats.size, () => 0);
	let seen = 0;
	const statuses = by === undefined ? undefined : new StatusColumn();
	const reasons = by === undefined ? undefined : new ReasonColumn();
	let index = 0;
	const idCheck = new IdFieldCheck(common.idField, common.idField !== 'id');
	const byCheck = by === undefined ? undefined : new FieldCheck([fieldPathOf(by)!]);
	// --verbose: why the first malformed entries are malformed, as export --verbose says.
	const malformedReasons: Array<{line: number; element: number; reason: string}> = [];
	let entryIndex = -1;
	const scan = await scanDataset(common.dataset, common.idField, (entry, malformed) => {
		entryIndex++;
		byCheck?.see(entry.bytes, () => parsedValue(entry.bytes));
		if (slice && slice.selected[index++] !== 1) return;
		if (malformed && flags.verbose && malformedReasons.length < malformedReasonLimit) malformedReasons.push({line: entry.lineNumber, element: entryIndex, reason: malformedReason(entry.bytes)});
		// After a thousand entries, estimate how many the file holds from their average size.
		if (++seen === 1000 && !slice) accumulator.expect(Math.ceil((size / (entry.start + entry.to - entry.from)) * 1000));
		const result = accumulator.add(entry, entry.lineNumber, malformed);
		idCheck.seeEntry(entry, malformed);
		statuses?.push(result.status);
		reasons?.push(accumulator.reasonsOfLast());
	}, undefined, check, slice ? undefined : accumulator.scanLookup(), false, {factsCache, undecided: slice || by !== undefined ? undefined : (hashId, lineNumber, firstSeen) => {
		// An entry nobody decided (after the first thousand, which size the tables): only counted,
		// as the visit above would count it.
		if (seen < 1000 || idCheck.needsBytes(hashId) || !accumulator.addUndecided(lineNumber, firstSeen)) return false;
		seen++;
		entryIndex++;
		idCheck.see(hashId, false);
		return true;
	}});
	for (const idWarning of idCheck.warnings(common.dataset)) process.stderr.write(`winnow: ${sanitizeLine(idWarning)}\n`);
	const stats = accumulator.finish();
	const table = await signals;
	const byProblem = byCheck && byProblemOf(table, byCheck, common.dataset);
	if (byProblem) process.stderr.write(`winnow: ${sanitizeLine(byProblem)}\n`);
	const figures = slice ? {...signalStats(table), signals: signalsIn(table, slice.selected)} : signalStats(table, statuses, reasons);

	if (flags.json) {
		const json: StatsJson = {
			version: statsJsonVersion,
			dataset: {path: common.dataset, layout: scan.layout, bytes: scan.totalBytes, blankLines: scan.blankLines},
			decisionsFile: {path: common.db, exists: file !== undefined},
			where: query ? formatQuery(query) : null,
			...stats,
			...figures,
		};
		await write(`${terminalSafeJson(json)}\n`);
		return 0;
	}

	const capabilities = terminalCapabilities(process.env, process.stdout);
	const options = {...capabilities, verbose: flags.verbose, malformedReasons, layout: scan.layout, source: {dataset: common.dataset, decisionsFile: common.db, decisionsFileExists: file !== undefined, where: query ? formatQuery(query) : undefined}};
	await write(renderStats(stats, options) + renderSignalSections(figures, stats.samples.total, options, new Set(signalConfig.disabled)));
	return 0;
}

/** Samples per signal among the selected ones (stats --where). */
function signalsIn(table: SignalTable, selected: Uint8Array): SignalStats['signals'] {
	const counts = new Map<string, number>();
	for (let index = 0; index < selected.length; index++) {
		if (selected[index] !== 1) continue;
		for (const signal of table.signalsOf(index)) counts.set(signal, (counts.get(signal) ?? 0) + 1);
	}

	return table.countBySignal().map(({signal}) => ({signal, samples: counts.get(signal) ?? 0}));
}

/** --by on a field no sample has a value in: every sample falls in one (none) group, said plainly. */
function byProblemOf(table: SignalTable, check: FieldCheck, dataset: string): string | undefined {
	const names = table.data.groups?.names ?? [];
	if (table.data.count === 0 || names.some(name => name !== missingGroup)) return undefined;
	const missing = check.problem(dataset);
	const field = table.data.groups?.field ?? '';
	return missing ? `--by ${field}: every sample is counted under ${missingGroup}: ${missing}.` : `--by ${field}: no sample in ${dataset} has a value in the field "${field}" (each is null), so every sample is counted under ${missingGroup}.`;
}

function parsedValue(bytes: Uint8Array): unknown {
	const entry = decodeEntry(bytes);
	return entry.error === undefined ? entry.value : undefined;
}

/** --by FIELD: a metadata field by its dotted path (model, source, meta.generator). */
function parseBy(by: string | undefined): string | undefined {
	if (by === undefined) return undefined;
	const field = by.trim();
	if (fieldPathOf(field) === undefined) throw new UsageError(`--by needs a metadata field, as a name or a dotted path as a query names it (--by model, --by meta.generator, --by '"harm.Economic Crime"'), not "${by}".`);
	return field;
}

/**
 * The entries a query matches (1 in `selected`, by entry number in file order) and the decisions
 * on them, for stats --where.
 */
async function selectEntries(common: CommonOptions, query: Query, file: DecisionSource | undefined, policy: Policy, signals: SignalLookup | undefined): Promise<{selected: Uint8Array; records: DecisionRecord[]; missingFields: string | undefined}> {
	const lookup = new StatsAccumulator(file ?? [], {policy, trackRepeats: false, reviewers: false, dataset: {path: common.dataset, idField: common.idField}});
	const matcher = new EntryMatcher(query, signals);
	let selected = new Uint8Array(1024);
	const ids = new Set<string>();
	let index = 0;
	await scanDataset(common.dataset, common.idField, entry => {
		const at = index++;
		const result = lookup.add(entry, entry.lineNumber);
		let records: readonly DecisionRecord[] | undefined;
		const recordsOf = () => {
			records ??= lookup.recordsFor(entry.id) ?? [];
			return records;
		};

		if (!matcher.matches(entry.bytes, at, result, recordsOf)) return;
		if (at >= selected.length) {
			const grown = new Uint8Array(Math.max(selected.length * 2, at + 1));
			grown.set(selected);
			selected = grown;
		}

		selected[at] = 1;
		if (recordsOf().length > 0) ids.add(entry.id);
	});
	const records: DecisionRecord[] = [];
	if (file) for (let i = 0; i < file.length; i++) if (ids.has(file.sample(i))) records.push(file.record(i));
	return {selected, records, missingFields: matcher.fields.problem(common.dataset)};
}

/**
 * JSON.stringify with every control, format and separator character outside ASCII (C1 controls,
 * bidi overrides, U+2028/9, …) written as a \u escape: the same JSON value, safe to print.
 */
export function terminalSafeJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, character => {
		let escaped = '';
		for (let i = 0; i < character.length; i++) escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`;
		return escaped;
	});
}

async function write(text: string): Promise<void> {
	await new Promise<void>(resolve => {
		process.stdout.on('error', () => resolve());
		process.stdout.write(text, () => resolve());
	});
}
