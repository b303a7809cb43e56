import type {Binding, BindingMode} from './bindings.js';
import {showKey, showKeys} from './keys.js';

/** The help's sections, each listing the bindings whose first mode is one of `modes`. */
export const helpSections: ReadonlyArray<{title: string; modes: readonly BindingMode[]}> = [
	{title: 'Keys', modes: ['browse']},
	{title: 'In text fields', modes: ['note', 'goto', 'search', 'order', 'query', 'bias-note']},
	{title: 'In the bias picker', modes: ['bias']},
	{title: 'In the reasons picker (when a reason is required)', modes: ['reasons']},
	{title: 'Deciding a cluster or slice (C, D)', modes: ['bulk', 'confirm']},
	{title: 'In panels (help, stats, metadata, guidelines)', modes: ['panel', 'help', 'stats', 'metadata', 'guidelines']},
	{title: 'When saving fails', modes: ['unsaved']},
	{title: 'Anywhere', modes: ['anywhere']},
];

/** A binding and the one shown beside it (← with →), or undefined when it is itself shown beside another. */
function withPairs(bindings: readonly Binding[]): Array<{binding: Binding; partner: Binding | undefined}> {
	const partners = new Set(bindings.map(binding => binding.pair).filter(Boolean));
	return bindings
		.filter(binding => !partners.has(binding.name))
		.map(binding => ({binding, partner: bindings.find(other => other.name === binding.pair)}));
}

/** A pair's keys side by side, first keys then second ones: "← → / h l". */
function pairKeys(first: Binding, second: Binding | undefined): string {
	if (!second) return showKeys(first.keys);
	const rows: string[] = [];
	for (let i = 0; i < Math.max(first.keys.length, second.keys.length); i++) {
		rows.push([first.keys[i], second.keys[i]].filter(key => key !== undefined).map(key => showKey(key)).join(' '));
	}

	return rows.join(' / ');
}

/** Rows of [keys, description] per section: every binding once, under its first mode. */
export function helpRows(bindings: readonly Binding[]): Array<{title: string; rows: Array<[keys: string, help: string]>}> {
	return helpSections.map(({title, modes}) => ({
		title,
		rows: withPairs(bindings.filter(binding => modes.includes(binding.modes[0]))).map(({binding, partner}) => [pairKeys(binding, partner), binding.help]),
	}));
}

/** The keys of the review screen for `winnow --help`: every binding, by section, wrapped to `width`. */
export function cliKeyLines(bindings: readonly Binding[], width = 100): string[] {
	const lines: string[] = [];
	for (const {title, modes} of helpSections) {
		const items = bindings.filter(binding => modes.includes(binding.modes[0])).map(binding => `${showKeys(binding.keys, '/')} ${binding.label}`);
		let line = title === 'Keys' ? '' : `${title[0].toLowerCase()}${title.slice(1)}:`;
		for (const item of items) {
			const next = line ? `${line}${line.endsWith(':') ? ' ' : ' · '}${item}` : item;
			if (next.length + 2 > width && line) {
				lines.push(`${line}${line.endsWith(':') ? '' : ' ·'}`);
				line = item;
			} else {
				line = next;
			}
		}

		lines.push(line);
	}

	return lines;
}

/** A key bar hint: the keys (a pair's first keys side by side, "←→"), a label and a shorter one. */
export type BarHint = {key: string; label: string; short: string};

function barKey(binding: Binding, bindings: readonly Binding[]): string {
	if (binding.keys.every(key => /^\d$/.test(key))) return showKeys(binding.keys, ' ');
	const partner = bindings.find(other => other.name === binding.pair);
	const keys = [binding.keys[0], partner?.keys[0]].filter((key): key is string => key !== undefined).map(key => showKey(key));
	return keys.join(keys.every(key => [...key].length === 1) ? '' : '/');
}

/** The key bar's hints for a mode chain, by priority; `pinned` ones (always shown) apart. */
export function barHints(bindings: readonly Binding[], modes: readonly BindingMode[]): {hints: BarHint[]; pinned: BarHint[]} {
	const shown = bindings.filter(binding => binding.bar && binding.modes.some(mode => modes.includes(mode) && (binding.bar!.only ?? mode) === mode));
	const hint = (binding: Binding): BarHint => ({key: barKey(binding, bindings), label: binding.bar!.label, short: binding.bar!.short ?? binding.bar!.label});
	const ranked = shown.filter(binding => binding.bar!.priority !== 'pinned').sort((a, b) => (a.bar!.priority as number) - (b.bar!.priority as number));
	return {hints: ranked.map(hint), pinned: shown.filter(binding => binding.bar!.priority === 'pinned').map(hint)};
}

/** The scroll keys named under a long sample or a panel: "↑↓ j/k PgUp/PgDn scroll". */
export function scrollHint(bindings: readonly Binding[], where: 'sample' | 'panel'): string {
	const names = where === 'sample' ? ['scroll-up', 'scroll-down', 'page-up', 'page-down'] : ['panel-up', 'panel-down', 'panel-page-up', 'panel-page-down'];
	const [up, down, pageUp, pageDown] = names.map(name => bindings.find(binding => binding.name === name)?.keys ?? []);
	const join = (keys: Array<string | undefined>, separator: string) => keys.filter((key): key is string => key !== undefined).map(key => showKey(key)).join(separator);
	const arrows = join([up[0], down[0]], [up[0], down[0]].every(key => key === undefined || [...showKey(key)].length === 1) ? '' : '/');
	return [arrows, join([down[1], up[1]], '/'), join([pageUp[0], pageDown[0]], '/'), 'scroll'].filter(Boolean).join(' ');
}
