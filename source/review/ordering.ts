import type {SignalName, SignalTable} from '../dataset/signals/index.js';
import {SIGNALS} from '../dataset/signals/types.js';
import {fieldPathOf, valuesAtPath} from '../query/field-path.js';
import {lookUp} from './metadata.js';

/*
The order ← → and advancing go through the samples in (`o`): file order, signals first (most
signals, then the most severe), or a metadata field either way (`temperature`, `-scores.quality`:
numbers by value, then text; samples without the field last). A field is named as the query
language names it: `méta.langue`, `"harm category".level`, `scores.0`.
*/

export type OrderSpec = {kind: 'file'} | {kind: 'signals'} | {kind: 'field'; path: string; descending: boolean};

/** The order as the prompt and the status bar write it: file, signals, temperature, -temperature. */
export function orderText(spec: OrderSpec): string {
	if (spec.kind === 'field') return `${spec.descending ? '-' : ''}${spec.path}`;
	return spec.kind;
}

/** What the `o` prompt typed means; an error sentence for a malformed field name. */
export function parseOrder(text: string): OrderSpec | string {
	const trimmed = text.trim();
	if (trimmed === '' || trimmed === 'file') return {kind: 'file'};
	if (trimmed === 'signals') return {kind: 'signals'};
	const descending = trimmed.startsWith('-');
	const ascending = trimmed.startsWith('+');
	const path = descending || ascending ? trimmed.slice(1) : trimmed;
	if (fieldPathOf(path) === undefined) return `order by “${trimmed}”: type file, signals, or a metadata field (model, scores.quality, "a name with spaces"), with - in front for largest first`;
	return {kind: 'field', path, descending};
}

/** Worst first: what a reviewer most wants to see early when samples have as many signals. */
export const severity: readonly SignalName[] = ['special-token', 'empty', 'refusal', 'model-identity', 'repetition', 'mojibake', 'placeholder', 'truncated', 'duplicate', 'near-duplicate', 'length-outlier'];

const severityOfBit = SIGNALS.map(name => severity.indexOf(name));

/** A permutation of the samples: order[position] is a sample index, rank[index] its position. */
/** `without`: how many samples lack the field ordered by (a field order only). */
export type Ordering = {spec: OrderSpec; order: Int32Array; rank: Int32Array; without?: number};

function withRank(spec: OrderSpec, order: Int32Array): Ordering {
	const rank = new Int32Array(order.length);
	for (let position = 0; position < order.length; position++) rank[order[position]] = position;
	return {spec, order, rank};
}

/** Signals first: most signals, then the most severe signal, then file order. */
export function signalsOrder(table: SignalTable, count: number): Ordering {
	const many = new Int32Array(count);
	const worst = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		let mask = table.maskOf(i);
		let n = 0;
		let best = severity.length;
		for (let bit = 0; mask !== 0; bit++, mask >>>= 1) {
			if ((mask & 1) === 0) continue;
			n++;
			best = Math.min(best, severityOfBit[bit]);
		}

		many[i] = n;
		worst[i] = best;
	}

	const order = Int32Array.from({length: count}, (_, i) => i).sort((a, b) => many[b] - many[a] || worst[a] - worst[b] || a - b);
	return withRank({kind: 'signals'}, order);
}

/**
 * By a metadata field: numbers (and numeric strings) by value, then other values as text, samples
 * without it last whichever the direction. Reads every sample, `slice` at a time, yielding between
 * slices (`pause`) so keys stay answered on a big file; `onProgress` gets the share done.
 */
export async function fieldOrder(spec: Extract<OrderSpec, {kind: 'field'}>, count: number, valueOf: (index: number) => unknown, pause: () => Promise<void>, onProgress: (share: number) => void, slice = 5000): Promise<Ordering> {
	const path = fieldPathOf(spec.path) ?? [spec.path];
	const numbers = new Float64Array(count);
	const texts: Array<string | undefined> = Array.from({length: count});
	// 0: a number, 1: text, 2: missing.
	const kinds = new Uint8Array(count);
	for (let start = 0; start < count; start += slice) {
		for (let i = start; i < Math.min(count, start + slice); i++) {
			const value = fieldValue(valueOf(i), spec.path, path);
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			if (Number.isFinite(number)) numbers[i] = number;
			else if (value === undefined || value === null) kinds[i] = 2;
			else {
				kinds[i] = 1;
				texts[i] = typeof value === 'string' ? value : JSON.stringify(value);
			}
		}

		onProgress(Math.min(1, (start + slice) / Math.max(1, count)));
		await pause();
	}

	let without = 0;
	for (let i = 0; i < count; i++) if (kinds[i] === 2) without++;
	const sign = spec.descending ? -1 : 1;
	const order = Int32Array.from({length: count}, (_, i) => i).sort((a, b) => {
		if (kinds[a] !== kinds[b]) return kinds[a] - kinds[b];
		if (kinds[a] === 0 && numbers[a] !== numbers[b]) return sign * (numbers[a] - numbers[b]);
		if (kinds[a] === 1 && texts[a] !== texts[b]) return sign * (texts[a]! < texts[b]! ? -1 : 1);
		return a - b;
	});
	return {...withRank(spec, order), without};
}

/** A sample's value for a field order: a key with dots in it as it is, else the query's path (through lists and indices); several values as their list. */
function fieldValue(sample: unknown, name: string, path: readonly string[]): unknown {
	const direct = lookUp(sample, name);
	if (direct.present) return direct.value;
	const values = valuesAtPath(sample, path);
	return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}
