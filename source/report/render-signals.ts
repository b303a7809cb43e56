import {count, percent, plural, Renderer, sgr, type Cell, type RenderOptions} from './render.js';
import type {SignalStats} from './signal-stats.js';

/** How many groups of --by are shown (the JSON has them all). */
const shownGroups = 20;

/**
 * The Signals and Diversity sections of `winnow stats`, and with --by the breakdown by a metadata
 * field, as lines in the style of the other stats tables. Every string from the data (openings,
 * field values) is sanitised and clipped by the Renderer.
 */
export function renderSignalSections(figures: SignalStats, total: number, options: RenderOptions, off: ReadonlySet<string> = new Set()): string {
	const r = new Renderer(options);
	const lines = ['', ...signalsTable(r, figures, total, off), '', ...diversity(r, figures, options.source?.where !== undefined)];
	if (figures.by) lines.push('', ...byField(r, figures));
	return lines.join('\n') + '\n';
}

/** The Signals table; a signal the config turns off (`signals.disabled`) reads "off", not 0. */
function signalsTable(r: Renderer, figures: SignalStats, total: number, off: ReadonlySet<string>): string[] {
	const title = r.paint(sgr.bold, 'Signals');
	const max = Math.max(1, ...figures.signals.map(signal => signal.samples));
	const header: Cell[] = [{text: '  signal'}, {text: 'samples', align: 'right'}, {text: '%', align: 'right'}, {text: ''}];
	const rows: Cell[][] = figures.signals.map(({signal, samples}) => off.has(signal) ? [
		{text: `  ${signal}`, style: sgr.dim},
		{text: 'off', align: 'right', style: sgr.dim},
		{text: '', align: 'right'},
		{text: ''},
	] : [
		{text: `  ${signal}`, style: samples === 0 ? sgr.dim : ''},
		{text: count(samples), align: 'right', style: samples === 0 ? sgr.dim : ''},
		{text: `${percent(samples, total)}%`, align: 'right', style: samples === 0 ? sgr.dim : ''},
		{text: '', style: sgr.cyan},
	]);
	return [title, ...r.table([header, ...rows], [0, ...figures.signals.map(signal => signal.samples / max)], true)];
}

function share(value: number): string {
	return `${(value * 100).toFixed(1)}%`;
}

function diversity(r: Renderer, figures: SignalStats, sliced: boolean): string[] {
	const {diversity: d} = figures;
	// With --where the other sections count the slice; diversity is the whole dataset's: say so.
	const lines = [r.paint(sgr.bold, sliced ? 'Diversity (whole dataset, not only the samples --where matches)' : 'Diversity')];
	if (d.responses === 0) return [...lines, r.paint(sgr.dim, '  no responses to measure (no assistant turns, completions or answers)')];
	const estimate = d.estimated ? ' (estimated, ±1%)' : '';
	lines.push(
		...r.wrap(`  ${count(d.responses)} ${plural(d.responses, 'response')}, ${count(d.words)} ${plural(d.words, 'word')}: distinct-1 ${d.distinct1.toFixed(3)}, distinct-2 ${d.distinct2.toFixed(3)}${estimate}`, '    '),
		...r.wrap(`  in duplicate clusters: ${share(d.duplicateShare)} of samples (${count(d.duplicateClusters)} ${plural(d.duplicateClusters, 'cluster')}); in near-duplicate clusters: ${share(d.nearDuplicateShare)} (${count(d.nearDuplicateClusters)} ${plural(d.nearDuplicateClusters, 'cluster')})`, '    '),
	);
	if (d.openings.length === 0) return lines;
	lines.push('  most common openings (first five words):');
	const header: Cell[] = [{text: '    responses', align: 'right'}, {text: 'opening'}];
	const rows: Cell[][] = d.openings.map(({opening, responses}) => [{text: `    ${count(responses)}`, align: 'right'}, {text: r.clip(opening, r.width - 20)}]);
	return [...lines, ...r.table([header, ...rows], undefined, true)];
}

function byField(r: Renderer, figures: SignalStats): string[] {
	const {field, groups} = figures.by!;
	const lines = [r.paint(sgr.bold, `By ${r.clip(field, 40)}`)];
	const shown = groups.slice(0, shownGroups);
	const wide = r.width >= 100;
	const header: Cell[] = [{text: '  value'}, {text: 'samples', align: 'right'}, {text: 'accepted', align: 'right'}, {text: 'rejected', align: 'right'}, {text: 'flagged', align: 'right'}, {text: 'undecided', align: 'right'}];
	if (wide) header.push({text: 'dup', align: 'right'}, {text: 'near-dup', align: 'right'}, {text: 'distinct-2', align: 'right'});
	const rows: Cell[][] = [];
	for (const group of shown) {
		const row: Cell[] = [
			{text: `  ${r.clip(group.value, Math.min(28, r.width - 60))}`},
			{text: count(group.samples), align: 'right'},
			{text: count(group.status.accepted), align: 'right'},
			{text: count(group.status.rejected), align: 'right'},
			{text: count(group.status.flagged), align: 'right'},
			{text: count(group.status.undecided), align: 'right'},
		];
		if (wide) row.push({text: share(group.diversity.duplicateShare), align: 'right'}, {text: share(group.diversity.nearDuplicateShare), align: 'right'}, {text: group.diversity.distinct2.toFixed(3), align: 'right'});
		rows.push(row);
	}

	const table = r.table([header, ...rows], undefined, true);
	lines.push(table[0]);
	for (const [index, group] of shown.entries()) {
		lines.push(table[index + 1]);
		if (group.reasons.length > 0) lines.push(...r.wrap(r.paint(sgr.dim, `      rejected as: ${group.reasons.map(reason => `${r.clip(reason.reason, 40)} ${count(reason.samples)}`).join(', ')}`), '      '));
		const found = group.signals.filter(signal => signal.samples > 0).sort((first, second) => second.samples - first.samples);
		if (found.length > 0) lines.push(...r.wrap(r.paint(sgr.dim, `      ${found.map(signal => `${signal.signal} ${count(signal.samples)}`).join(', ')}`), '      '));
	}

	if (groups.length > shown.length) lines.push(r.paint(sgr.dim, `  and ${count(groups.length - shown.length)} more ${plural(groups.length - shown.length, 'value')} (--json lists them all)`));
	return lines;
}
