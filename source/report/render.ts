import stringWidth from 'string-width';
import {sanitizeLine} from '../dataset/sanitize.js';
import type {SampleStatus} from '../store/verdict-policy.js';
import {bar} from './bars.js';
import type {Stats} from './stats.js';
import type {TerminalCapabilities} from './terminal.js';

export type RenderOptions = TerminalCapabilities & {
	/** List every malformed line, repeated id and missing sample kept (else a few, and a hint). */
	verbose?: boolean;
	/** The review screen reads lines only when shown, so it cannot count malformed ones. */
	malformedUnknown?: boolean;
	/** With verbose: why the first malformed entries are malformed (winnow stats reads them as it scans). */
	malformedReasons?: Array<{line: number; element: number; reason: string}>;
	/** A file that is one JSON array: its malformed entries are named as elements (from 0), not lines. */
	layout?: 'jsonl' | 'array';
	/** Names for the heading; omitted by the review screen's panel, which has its own. */
	source?: {dataset: string; decisionsFile: string; decisionsFileExists: boolean; where?: string};
};

/**
 * The stats as an aligned plain-text table with bar charts, for `winnow stats` and the review
 * screen's stats panel. A pure function of its arguments; every string that came from a file (ids,
 * reviewer names, categories, paths) is sanitised, so nothing in the data reaches the terminal as a
 * control sequence. Lines never exceed options.width columns (long names are cut with an ellipsis).
 */
export function renderStats(stats: Stats, options: RenderOptions): string {
	const r = new Renderer(options);
	const lines: string[] = [];
	if (options.source) lines.push(...r.heading(stats, options.source), '');
	lines.push(...r.status(stats), '', ...r.categories(stats), '', ...r.reasons(stats), '', ...r.reviewers(stats), ...r.rules(stats), '', ...r.agreement(stats), '', ...r.quality(stats));
	return lines.join('\n') + '\n';
}

export type Align = 'left' | 'right';
export type Cell = {text: string; align?: Align; style?: string};

export const sgr = {bold: '1', dim: '2', red: '31', green: '32', yellow: '33', blue: '34', cyan: '36'};
const statusStyle: Record<SampleStatus, string> = {accepted: sgr.green, rejected: sgr.red, flagged: sgr.yellow, undecided: sgr.dim};

/** Lines for the stats sections; render-signals.ts adds the Signals and Diversity sections with the same helpers. */
export class Renderer {
	readonly width: number;
	private readonly dot: string;
	private readonly ellipsis: string;

	constructor(private readonly options: RenderOptions) {
		this.width = Math.max(40, options.width);
		this.dot = options.unicode ? '·' : '-';
		this.ellipsis = options.unicode ? '…' : '...';
	}

	heading(stats: Stats, source: NonNullable<RenderOptions['source']>): string[] {
		const {total, percentDecided} = stats.samples;
		const first = `${this.clip(source.dataset, this.width - 40)}  ${entryCount(total, stats.malformed.count)} ${this.dot} ${percentDecided.toFixed(1)}% decided ${this.dot} policy ${stats.policy}`;
		const decisions = source.decisionsFileExists
			? `decisions: ${this.clip(source.decisionsFile, this.width - 40)} (${count(stats.decisions.total)} ${plural(stats.decisions.total, 'decision')} by ${count(stats.reviewers.length)} ${plural(stats.reviewers.length, 'reviewer')})`
			: /^postgres(?:ql)?:\/\//i.test(source.decisionsFile)
				? `decisions: ${this.clip(source.decisionsFile, this.width - 40)} holds none for this dataset yet: nothing is decided`
				: `decisions: ${this.clip(source.decisionsFile, this.width - 40)} does not exist yet: nothing is decided`;
		const lines = [this.paint(sgr.bold, this.fit(first)), this.fit(decisions)];
		if (source.where !== undefined) lines.push(this.fit(`where: ${this.clip(source.where, this.width - 10)} (only the samples it matches are counted)`));
		return lines;
	}

	/** Decisions made by rules (winnow decide) apart from those made one by one; nothing when there are none. */
	rules(stats: Stats): string[] {
		const {byRule, oneByOne, rules} = stats.decisions;
		if (byRule === 0) return [];
		const header: Cell[] = [{text: '  rule'}, {text: 'decisions', align: 'right'}];
		const rows: Cell[][] = rules.map(rule => [{text: `  ${this.clip(rule.rule, Math.min(60, this.width - 14))}`}, {text: count(rule.decisions), align: 'right'}]);
		return ['', this.paint(sgr.bold, 'Rules'), this.fit(`  ${count(byRule)} ${plural(byRule, 'decision')} made by rules (winnow decide; D, C on screen), ${count(oneByOne)} one by one`), ...this.table([header, ...rows], undefined, true)];
	}

	status(stats: Stats): string[] {
		const {total} = stats.samples;
		const rows: Cell[][] = (['accepted', 'rejected', 'flagged', 'undecided'] as const).map(status => [
			{text: `  ${status}`},
			{text: count(stats.status[status]), align: 'right'},
			{text: `${percent(stats.status[status], total)}%`, align: 'right'},
			{text: '', style: statusStyle[status]},
		]);
		const fractions = (['accepted', 'rejected', 'flagged', 'undecided'] as const).map(status => (total === 0 ? 0 : stats.status[status] / total));
		const lines = [this.paint(sgr.bold, 'Status'), ...this.table(rows, fractions)];
		const {conflicts, unsettled, resolved} = stats.samples;
		if (conflicts > 0 || resolved > 0) {
			const parts = [];
			if (conflicts > 0) parts.push(`reviewers disagree on ${count(conflicts)} ${plural(conflicts, 'sample')}${unsettled > 0 ? ` (${count(unsettled)} undecided until a lead resolves ${unsettled === 1 ? 'it' : 'them'})` : ''}`);
			if (resolved > 0) parts.push(`${count(resolved)} resolved by a lead`);
			lines.push(...this.wrap(`  ${parts.join(`; `)}`, '    '));
		}

		const {changed} = stats.samples;
		if (changed > 0) lines.push(...this.wrap(`  ${count(changed)} ${plural(changed, 'sample')} changed since decided: ${changed === 1 ? 'its' : 'their'} bytes are not the ones decided on, so those decisions are left out (to be decided again; status:changed finds ${changed === 1 ? 'it' : 'them'})`, '    '));
		if (stats.policy === 'any' && conflicts > 0) lines.push(...this.wrap('  under the any policy a disputed sample counts under each verdict it got, so the counts add up to more than the total', '    '));
		return lines;
	}

	reasons(stats: Stats): string[] {
		const title = this.paint(sgr.bold, 'Reasons');
		if (stats.reasons.length === 0) return [title, this.paint(sgr.dim, '  no reject reasons given yet')];
		const max = stats.reasons.reduce((most, reason) => Math.max(most, reason.samples), 0);
		const header: Cell[] = [{text: '  reason'}, {text: 'samples', align: 'right'}, {text: 'decisions', align: 'right'}, {text: ''}];
		const rows: Cell[][] = stats.reasons.map(reason => [
			{text: `  ${this.clip(reason.reason, Math.min(24, this.width - 30))}`},
			{text: count(reason.samples), align: 'right'},
			{text: count(reason.decisions), align: 'right'},
			{text: '', style: sgr.red},
		]);
		return [title, ...this.table([header, ...rows], [0, ...stats.reasons.map(reason => reason.samples / max)], true)];
	}

	categories(stats: Stats): string[] {
		const title = this.paint(sgr.bold, 'Bias categories');
		if (stats.categories.length === 0) return [title, this.paint(sgr.dim, '  no bias categories picked yet')];
		const max = stats.categories.reduce((most, category) => Math.max(most, category.samples), 0);
		const header: Cell[] = [{text: '  category'}, {text: 'samples', align: 'right'}, {text: 'decisions', align: 'right'}, {text: ''}];
		const rows: Cell[][] = stats.categories.map(category => [
			{text: `  ${this.clip(category.category, Math.min(24, this.width - 30))}`},
			{text: count(category.samples), align: 'right'},
			{text: count(category.decisions), align: 'right'},
			{text: '', style: sgr.yellow},
		]);
		return [title, ...this.table([header, ...rows], [0, ...stats.categories.map(category => category.samples / max)], true)];
	}

	reviewers(stats: Stats): string[] {
		const title = this.paint(sgr.bold, 'Reviewers');
		if (stats.reviewers.length === 0) return [title, this.paint(sgr.dim, '  no decisions yet')];
		// Columns by the width available: verdicts from 120, first time from 76, last time from 56.
		const verdictColumns = this.width >= 120;
		const firstColumn = this.width >= 76;
		const lastColumn = this.width >= 56;
		const fixed = 2 + 11 + (verdictColumns ? 30 : 0) + (firstColumn ? 18 : 0) + (lastColumn ? 18 : 0) + 10;
		const nameWidth = Math.min(24, this.width - fixed);
		const header: Cell[] = [{text: '  reviewer'}, {text: 'decisions', align: 'right'}];
		if (verdictColumns) header.push({text: 'accepted', align: 'right'}, {text: 'rejected', align: 'right'}, {text: 'flagged', align: 'right'});
		if (firstColumn) header.push({text: 'first'});
		if (lastColumn) header.push({text: 'last'});
		header.push({text: 'per hour', align: 'right'});
		const rows: Cell[][] = stats.reviewers.map(reviewer => {
			const row: Cell[] = [{text: `  ${this.clip(reviewer.reviewer, nameWidth)}`}, {text: count(reviewer.decisions), align: 'right'}];
			if (verdictColumns) row.push({text: count(reviewer.accepted), align: 'right'}, {text: count(reviewer.rejected), align: 'right'}, {text: count(reviewer.flagged), align: 'right'});
			if (firstColumn) row.push({text: shortTime(reviewer.first)});
			if (lastColumn) row.push({text: shortTime(reviewer.last)});
			row.push({text: reviewer.perHour === null ? '-' : count(Math.round(reviewer.perHour)), align: 'right'});
			return row;
		});
		return [title, ...this.table([header, ...rows], undefined, true)];
	}

	agreement(stats: Stats): string[] {
		const title = this.paint(sgr.bold, 'Agreement');
		const {agreement} = stats;
		if (agreement.samples === 0) return [title, this.paint(sgr.dim, this.fit('  no sample decided by two reviewers yet'))];
		const kappa = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
		const lines = [title, this.fit(`  ${count(agreement.samples)} ${plural(agreement.samples, 'sample')} decided by two or more reviewers ${this.dot} ${((agreement.percentAgreement ?? 0) * 100).toFixed(1)}% agreement${agreement.fleissKappa === null ? '' : ` ${this.dot} Fleiss' κ ${kappa(agreement.fleissKappa)}`.replace('κ', this.options.unicode ? 'κ' : 'kappa')}`)];
		if (agreement.blindSamples !== undefined) {
			const blind = agreement.blindSamples;
			const all = blind === agreement.samples;
			lines.push(...this.wrap(`  decided blind (overlap mode, nobody seeing another's verdict first): ${all ? `all ${count(blind)}` : `${count(blind)} of ${count(agreement.samples)}`}${all ? '' : '; the others were decided in split mode, or after a reviewer saw another\'s verdict'}`, '    '));
		}
		const nameWidth = Math.min(20, Math.floor((this.width - 40) / 2));
		const header: Cell[] = [{text: '  reviewers'}, {text: 'samples', align: 'right'}, {text: 'agree', align: 'right'}, {text: this.options.unicode ? "Cohen's κ" : "Cohen's kappa", align: 'right'}];
		const rows: Cell[][] = agreement.pairs.map(pair => [
			{text: `  ${this.clip(pair.reviewers[0], nameWidth)} ${this.dot} ${this.clip(pair.reviewers[1], nameWidth)}`},
			{text: count(pair.samples), align: 'right'},
			{text: `${(pair.agreement * 100).toFixed(1)}%`, align: 'right'},
			{text: kappa(pair.kappa), align: 'right'},
		]);
		return [...lines, ...this.table([header, ...rows], undefined, true)];
	}

	quality(stats: Stats): string[] {
		const lines = [this.paint(sgr.bold, 'Data quality')];
		const {malformed, repeatedIds: repeats, missingSamples: missing} = stats;
		const verbose = this.options.verbose === true;
		const label = (text: string, value: number) => `  ${this.paint(value > 0 ? sgr.yellow : '', text)} ${count(value)}`;

		if (this.options.malformedUnknown) {
			lines.push(this.paint(sgr.dim, '  malformed lines: counted by winnow stats'));
		} else if (malformed.count === 0) {
			lines.push('  malformed lines: none');
		} else if (this.options.layout === 'array' && malformed.elements) {
			const {elements} = malformed;
			const where = verbose
				? ` (${malformed.count === 1 ? 'element' : 'elements'} ${elements.join(', ')}${malformed.truncated ? `, ${this.ellipsis}: the first ${count(elements.length)} listed` : ''}, counted from 0)`
				: ' (not JSON objects; export skips them; --verbose lists their element numbers)';
			lines.push(...this.wrap(`${label('malformed elements:', malformed.count)}${where}`, '    '));
		} else {
			const where = verbose
				? ` (${malformed.count === 1 ? 'line' : 'lines'} ${malformed.lines.join(', ')}${malformed.truncated ? `, ${this.ellipsis}: the first ${count(malformed.lines.length)} listed` : ''})`
				: ' (not valid JSON objects; export skips them; --verbose lists their line numbers)';
			lines.push(...this.wrap(`${label('malformed lines:', malformed.count)}${where}`, '    '));
		}

		if (verbose && malformed.count > 0) {
			for (const {line, element, reason} of this.options.malformedReasons ?? []) {
				lines.push(...this.wrap(`    ${this.options.layout === 'array' ? `element ${element}` : `line ${line}`}: ${sanitizeLine(reason)}`, '      '));
			}
		}

		if (!repeats.checked) {
			lines.push('  repeated ids: not checked');
		} else if (repeats.ids === 0) {
			lines.push('  repeated ids: none');
		} else {
			lines.push(...this.wrap(`${label('repeated ids:', repeats.ids)} (${count(repeats.extraEntries)} extra ${plural(repeats.extraEntries, 'entry', 'entries')} ${repeats.extraEntries === 1 ? 'shares' : 'share'} an id with an earlier one, and so its decisions)`, '    '));
			const shown = verbose ? repeats.examples : repeats.examples.slice(0, 3);
			for (const example of shown) {
				const more = example.count > example.lines.length ? `, ${this.ellipsis}` : '';
				lines.push(...this.wrap(`    ${this.clip(example.id, Math.min(40, this.width - 30))} ${this.dot} ${example.count}${this.times()} ${this.dot} lines ${example.lines.join(', ')}${more}`, '      '));
			}

			if (repeats.ids > shown.length) lines.push(this.paint(sgr.dim, `    and ${count(repeats.ids - shown.length)} more${verbose ? '' : ' (--verbose lists them)'}`));
		}

		if (missing.decisions === 0) {
			lines.push('  decisions on samples not in the dataset: none');
		} else {
			lines.push(...this.wrap(`${label('decisions on samples not in the dataset:', missing.decisions)} on ${count(missing.samples)} ${plural(missing.samples, 'sample')} (edited or removed since they were decided, or another dataset's)`, '    '));
			const shown = verbose ? missing.ids : missing.ids.slice(0, 5);
			lines.push(...this.wrap(`    ${shown.map(id => this.clip(id, Math.min(40, this.width - 8))).join(', ')}${missing.samples > shown.length ? `, ${this.ellipsis} (${count(missing.samples - shown.length)} more${verbose ? '' : '; --verbose lists them'})` : ''}`, '    '));
		}

		if (stats.decisions.cleared > 0) lines.push(this.paint(sgr.dim, `  ${count(stats.decisions.cleared)} undone ${plural(stats.decisions.cleared, 'decision')} not counted`));
		return lines;
	}

	/** Aligned columns; when fractions are given, the last cell of each row is a bar filling the rest. */
	table(rows: Cell[][], fractions?: number[], hasHeader = false): string[] {
		const columns = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
		const widths: number[] = [];
		for (let c = 0; c < columns; c++) widths[c] = Math.max(0, ...rows.map(row => stringWidth(row[c]?.text ?? '')));
		const gap = 2;
		const used = widths.reduce((sum, width, c) => sum + width + (c > 0 ? gap : 0), 0);
		const barWidth = Math.min(40, this.width - used - gap);
		return rows.map((row, index) => {
			const cells = row.map((cell, c) => {
				const isBar = fractions !== undefined && c === row.length - 1;
				if (isBar) {
					const drawn = barWidth >= 4 ? bar(fractions[index], barWidth, this.options.unicode) : '';
					return this.paint(cell.style ?? '', drawn);
				}

				const text = pad(cell.text, widths[c], cell.align ?? 'left');
				return hasHeader && index === 0 ? this.paint(sgr.dim, text) : this.paint(cell.style ?? '', text);
			});
			return cells.join(' '.repeat(gap)).trimEnd();
		});
	}

	times(): string {
		return this.options.unicode ? '×' : 'x';
	}

	/** Sanitised, and cut to at most `max` columns. */
	clip(text: string, max: number): string {
		const safe = sanitizeLine(text);
		// Written to a file or pipe: nothing is cut.
		if (this.width === Number.POSITIVE_INFINITY) return safe;
		const limit = Math.max(8, max);
		if (stringWidth(safe) <= limit) return safe;
		let out = '';
		for (const character of safe) {
			if (stringWidth(out + character) > limit - stringWidth(this.ellipsis)) break;
			out += character;
		}

		return out + this.ellipsis;
	}

	fit(text: string): string {
		return stringWidth(text) <= this.width ? text : this.clip(text, this.width);
	}

	/** Word-wraps one logical line to the width, continuing with `indent`. */
	wrap(text: string, indent: string): string[] {
		const lines: string[] = [];
		let line = '';
		for (const word of text.split(/(?<= )(?=\S)/)) {
			if (line !== '' && stringWidth(stripSgr(line + word).trimEnd()) > this.width) {
				lines.push(line.trimEnd());
				line = indent + word.trimStart();
			} else {
				line += word;
			}
		}

		if (line.trim() !== '') lines.push(line.trimEnd());
		return lines;
	}

	paint(code: string, text: string): string {
		if (!this.options.color || code === '' || text === '') return text;
		return `\u001B[${code}m${text}\u001B[0m`;
	}
}

function stripSgr(text: string): string {
	return text.replace(/\u001B\[[\d;]*m/g, '');
}

function pad(text: string, width: number, align: Align): string {
	const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
	return align === 'right' ? fill + text : text + fill;
}

/** 1234567 -> "1,234,567". */
export function count(value: number): string {
	return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function percent(value: number, total: number): string {
	return total === 0 ? '0.0' : ((value / total) * 100).toFixed(1);
}

export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
	return value === 1 ? singular : pluralForm;
}

/**
 * How many entries a dataset holds, as stats' heading and export's summary say it: "9 samples", or with malformed
 * entries among them (numbered and decidable like samples on the review screen, skipped by export) "9 entries
 * (8 samples, 1 malformed)"; `entries` names them otherwise ("JSON array elements").
 */
export function entryCount(total: number, malformed: number, entries = plural(total, 'entry', 'entries')): string {
	if (malformed === 0) return `${count(total)} ${plural(total, 'sample')}`;
	const samples = total - malformed;
	return `${count(total)} ${entries} (${count(samples)} ${plural(samples, 'sample')}, ${count(malformed)} malformed)`;
}

/** An ISO time as local "YYYY-MM-DD HH:MM" (the raw text, sanitised, if it does not parse). */
function shortTime(iso: string | null): string {
	if (iso === null) return '-';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return sanitizeLine(iso).slice(0, 16);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
