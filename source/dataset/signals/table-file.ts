import {createHash} from 'node:crypto';
import type {DiversityFigures} from './diversity.js';
import type {ClusterData, GroupData, SignalTableData} from './engine.js';
import type {LengthStats} from './length-outlier.js';
import {SIGNALS} from './types.js';

/*
A SignalTableData as bytes, for the signals cache: a magic line, the length of a JSON header, the
header (the cache key, the small figures, the list of typed arrays with their lengths, a SHA-256 of
the arrays' bytes), then each typed array's raw bytes at an 8-byte boundary. decodeTable trusts
nothing: a wrong magic, key, length, checksum or out-of-range cluster or group number is undefined.
*/

const magic = Buffer.from('winnow-signals\n\0');
const formatVersion = 1;

type ArrayKind = 'u16' | 'i32' | 'f64';
type Typed = Uint16Array | Int32Array | Float64Array;
const makers: Record<ArrayKind, {bytes: number; view: (buffer: ArrayBuffer, offset: number, length: number) => Typed}> = {
	u16: {bytes: 2, view: (buffer, offset, length) => new Uint16Array(buffer, offset, length)},
	i32: {bytes: 4, view: (buffer, offset, length) => new Int32Array(buffer, offset, length)},
	f64: {bytes: 8, view: (buffer, offset, length) => new Float64Array(buffer, offset, length)},
};

type Header = {
	format: number;
	endianness: 'LE';
	key: string;
	count: number;
	lengthStats: LengthStats;
	counts: number[];
	diversity: DiversityFigures;
	groups?: {field: string; names: string[]; diversity: DiversityFigures[]};
	timings: number[];
	candidatePairs: number;
	checkedPairs: number;
	arrays: Array<{name: string; kind: ArrayKind; length: number}>;
	checksum: string;
};

function arraysOf(data: SignalTableData): Array<{name: string; kind: ArrayKind; array: Typed}> {
	const arrays: Array<{name: string; kind: ArrayKind; array: Typed}> = [
		{name: 'mask', kind: 'u16', array: data.mask},
		{name: 'lengths', kind: 'f64', array: data.lengths},
	];
	for (const [prefix, clusters] of [['duplicate', data.duplicate], ['nearDuplicate', data.nearDuplicate]] as const) {
		for (const field of ['of', 'position', 'sizes', 'first'] as const) arrays.push({name: `${prefix}.${field}`, kind: 'i32', array: clusters[field]});
	}

	if (data.groups) arrays.push({name: 'groups.of', kind: 'i32', array: data.groups.of});
	return arrays;
}

const aligned = (offset: number) => Math.ceil(offset / 8) * 8;

function bytesOf(array: Typed): Uint8Array {
	return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The file's bytes, in pieces to be written one after the other (the arrays are not copied). */
export function encodeTable(data: SignalTableData, key: string): Uint8Array[] {
	const arrays = arraysOf(data);
	const checksum = createHash('sha256');
	for (const {array} of arrays) checksum.update(bytesOf(array));
	const header: Header = {
		format: formatVersion,
		endianness: 'LE',
		key,
		count: data.count,
		lengthStats: data.lengthStats,
		counts: data.counts,
		diversity: data.diversity,
		groups: data.groups ? {field: data.groups.field, names: data.groups.names, diversity: data.groups.diversity} : undefined,
		timings: data.timings,
		candidatePairs: data.candidatePairs,
		checkedPairs: data.checkedPairs,
		arrays: arrays.map(({name, kind, array}) => ({name, kind, length: array.length})),
		checksum: checksum.digest('hex'),
	};
	const json = Buffer.from(JSON.stringify(header));
	const start = Buffer.alloc(magic.length + 4);
	magic.copy(start);
	start.writeUInt32LE(json.length, magic.length);
	const pieces: Uint8Array[] = [start, json];
	let offset = start.length + json.length;
	for (const {array} of arrays) {
		const padding = aligned(offset) - offset;
		if (padding > 0) pieces.push(new Uint8Array(padding));
		pieces.push(bytesOf(array));
		offset += padding + array.byteLength;
	}

	return pieces;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isNumbers = (value: unknown, length: number) => Array.isArray(value) && value.length === length && value.every(item => typeof item === 'number' && Number.isFinite(item));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The header's key, without checking the rest (undefined if the file is not one of ours). */
function readHeader(bytes: Uint8Array): {header: Header; end: number} | undefined {
	if (bytes.length < magic.length + 4 || !magic.equals(bytes.subarray(0, magic.length))) return undefined;
	const length = Buffer.from(bytes.buffer, bytes.byteOffset + magic.length, 4).readUInt32LE(0);
	const end = magic.length + 4 + length;
	if (end > bytes.length) return undefined;
	try {
		const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + magic.length + 4, length).toString('utf8')) as unknown;
		return isObject(header) ? {header: header as Header, end} : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The table in `bytes` if it is a whole, untouched file written by encodeTable under `key`, else
 * undefined. `bytes` must start at offset 0 of its ArrayBuffer (the arrays are views into it).
 */
export function decodeTable(bytes: Uint8Array, key: string): SignalTableData | undefined {
	const read = readHeader(bytes);
	if (!read) return undefined;
	const {header, end} = read;
	if (header.format !== formatVersion || header.endianness !== 'LE' || header.key !== key || !isCount(header.count)) return undefined;
	if (!Array.isArray(header.arrays) || typeof header.checksum !== 'string') return undefined;
	if (!isNumbers(header.counts, SIGNALS.length) || !isNumbers(header.timings, SIGNALS.length) || !isObject(header.lengthStats) || !isObject(header.diversity)) return undefined;
	if (!isCount(header.candidatePairs) || !isCount(header.checkedPairs)) return undefined;
	const arrays = new Map<string, Typed>();
	const checksum = createHash('sha256');
	let offset = end;
	for (const entry of header.arrays) {
		if (!isObject(entry) || typeof entry.name !== 'string' || !Object.hasOwn(makers, entry.kind as string) || !isCount(entry.length) || arrays.has(entry.name)) return undefined;
		const maker = makers[entry.kind];
		offset = aligned(offset);
		const byteLength = entry.length * maker.bytes;
		if (bytes.byteOffset !== 0 || offset + byteLength > bytes.length) return undefined;
		const array = maker.view(bytes.buffer as ArrayBuffer, offset, entry.length);
		checksum.update(bytesOf(array));
		arrays.set(entry.name, array);
		offset += byteLength;
	}

	if (offset !== bytes.length || checksum.digest('hex') !== header.checksum) return undefined;
	const {count} = header;
	const array = <T extends Typed>(name: string, type: new (...args: never[]) => T, length?: number): T | undefined => {
		const found = arrays.get(name);
		return found instanceof type && (length === undefined || found.length === length) ? found : undefined;
	};

	const mask = array('mask', Uint16Array, count);
	const lengths = array('lengths', Float64Array, count);
	const duplicate = clustersFrom('duplicate', count, array);
	const nearDuplicate = clustersFrom('nearDuplicate', count, array);
	if (!mask || !lengths || !duplicate || !nearDuplicate) return undefined;
	const signalBits = (1 << SIGNALS.length) - 1;
	for (let index = 0; index < count; index++) {
		if ((mask[index] & ~signalBits) !== 0 || !(lengths[index] >= 0)) return undefined;
	}

	let groups: GroupData | undefined;
	if (header.groups !== undefined) {
		const {field, names, diversity} = header.groups;
		const of = array('groups.of', Int32Array, count);
		if (typeof field !== 'string' || !Array.isArray(names) || !names.every(name => typeof name === 'string') || !Array.isArray(diversity) || diversity.length !== names.length || !of) return undefined;
		for (let index = 0; index < count; index++) if (of[index] < 0 || of[index] >= names.length) return undefined;
		groups = {field, names, of, diversity};
	}

	return {
		count,
		mask,
		duplicate,
		nearDuplicate,
		lengths,
		lengthStats: header.lengthStats,
		counts: header.counts,
		diversity: header.diversity,
		groups,
		timings: header.timings,
		candidatePairs: header.candidatePairs,
		checkedPairs: header.checkedPairs,
	};
}

/** A cluster table whose numbers all point inside it: undefined otherwise. */
function clustersFrom(prefix: string, count: number, array: <T extends Typed>(name: string, type: new (...args: never[]) => T, length?: number) => T | undefined): ClusterData | undefined {
	const of = array(`${prefix}.of`, Int32Array, count);
	const position = array(`${prefix}.position`, Int32Array, count);
	const sizes = array(`${prefix}.sizes`, Int32Array);
	const first = array(`${prefix}.first`, Int32Array, sizes?.length);
	if (!of || !position || !sizes || !first) return undefined;
	const clusters = sizes.length;
	for (let cluster = 0; cluster < clusters; cluster++) {
		if (sizes[cluster] < 1 || sizes[cluster] > count || first[cluster] < 0 || first[cluster] >= count) return undefined;
	}

	for (let index = 0; index < count; index++) {
		const cluster = of[index];
		if (cluster === -1) continue;
		if (cluster < 0 || cluster >= clusters || position[index] < 1 || position[index] > sizes[cluster]) return undefined;
	}

	return {of, position, sizes, first};
}
