import {stat} from 'node:fs/promises';
import {UsageError, type CommonOptions} from '../cli/options.js';
import {computeSignals, defaultSignalConfig, type SignalConfig} from '../dataset/signals/index.js';
import {renderStats} from '../report/render.js';
import {renderSignalSections} from '../report/render-signals.js';
import {signalStats, StatusColumn, type SignalStats} from '../report/signal-stats.js';
import {LineCheck} from '../report/line-check.js';
import {checkDatasetFile, scanDataset} from '../report/scan-dataset.js';
import {StatsAccumulator, type Stats} from '../report/stats.js';
import {terminalCapabilities} from '../report/terminal.js';
import {readDecisions} from '../store/open-store.js';
import {parsePolicy} from './export.js';

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
};

/** Version of the --json object; bumped only if a field is removed or changes meaning. */
export const statsJsonVersion = 1;

export type StatsJson = {
	version: number;
	dataset: {path: string; layout: 'jsonl' | 'array'; bytes: number; blankLines: number};
	decisionsFile: {path: string; exists: boolean};
} & Stats & SignalStats;

/** winnow stats: one streaming pass over the dataset, then a table (or --json) on stdout. */
export async function runStats(common: CommonOptions, flags: StatsFlags, signalConfig: SignalConfig = defaultSignalConfig): Promise<number> {
	for (const [flag, given] of [['--out', flags.out !== undefined], ['--status', (flags.status?.length ?? 0) > 0], ['--annotate', flags.annotate], ['--decisions', flags.decisions], ['--format', flags.format !== undefined]] as const) {
		if (given) throw new UsageError(`${flag} applies to winnow export, not winnow stats.`);
	}

	const policy = parsePolicy(flags.policy);
	const by = parseBy(flags.by);
	await checkDatasetFile(common.dataset);
	// Signals are computed on another core (a worker thread) while this one reads the decisions and scans.
	const signals = computeSignals(common.dataset, signalConfig, undefined, {by});
	signals.catch(() => undefined);
	// The dataset's entries are checked on another core while the decisions file is read.
	const check = LineCheck.start(common.dataset);
	let file;
	try {
		file = await readDecisions(common.dbSpec, {path: common.dataset, name: common.datasetName});
	} catch (error) {
		check?.stop();
		throw error;
	}

	const accumulator = new StatsAccumulator(file ?? [], {policy});
	const size = await stat(common.dataset).then(stats => stats.size, () => 0);
	let seen = 0;
	const statuses = by === undefined ? undefined : new StatusColumn();
	const scan = await scanDataset(common.dataset, common.idField, (entry, malformed) => {
		// After a thousand entries, estimate how many the file holds from their average size.
		if (++seen === 1000) accumulator.expect(Math.ceil((size / (entry.start + entry.to - entry.from)) * 1000));
		const result = accumulator.add(entry, entry.lineNumber, malformed);
		statuses?.push(result.status);
	}, undefined, check);
	const stats = accumulator.finish();
	const figures = signalStats(await signals, statuses);

	if (flags.json) {
		const json: StatsJson = {
			version: statsJsonVersion,
			dataset: {path: common.dataset, layout: scan.layout, bytes: scan.totalBytes, blankLines: scan.blankLines},
			decisionsFile: {path: common.db, exists: file !== undefined},
			...stats,
			...figures,
		};
		await write(`${terminalSafeJson(json)}\n`);
		return 0;
	}

	const capabilities = terminalCapabilities(process.env, process.stdout);
	const options = {...capabilities, verbose: flags.verbose, source: {dataset: common.dataset, decisionsFile: common.db, decisionsFileExists: file !== undefined}};
	await write(renderStats(stats, options) + renderSignalSections(figures, stats.samples.total, options));
	return 0;
}

/** --by FIELD: a metadata field by its dotted path (model, source, meta.generator). */
function parseBy(by: string | undefined): string | undefined {
	if (by === undefined) return undefined;
	const field = by.trim();
	if (field === '' || field.split('.').some(part => part === '')) throw new UsageError(`--by needs a metadata field, as a name or a dotted path (--by model, --by meta.generator), not "${by}".`);
	return field;
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
