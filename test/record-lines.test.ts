import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile, serializeDecisionsFile} from '../source/store/decisions-file.js';
import {DecisionLines, readLinesFrom, type LinesHelper} from '../source/store/decision-lines.js';
import {fingerprint} from '../source/dataset/id-fingerprints.js';
import type {DecisionRecord, DecisionsFile} from '../source/store/schema.js';

/** The reference: JSON.parse of the whole file, as parseDecisionsFile does. */
function reference(text: string): DecisionRecord[] | undefined {
	try {
		return parseDecisionsFile(text, 'db.json', 'data.jsonl').decisions;
	} catch {
		return undefined;
	}
}

const readRecordLines = (bytes: Buffer) => {
	const lines = DecisionLines.read(bytes);
	return lines && {records: lines.records(), lines};
};

/** DecisionLines.read either declines (undefined) or gives exactly the reference's records, key order included. */
function agree(text: string) {
	const lines = readRecordLines(Buffer.from(text));
	if (lines === undefined) return;
	const expected = reference(text);
	expect(expected, text).toBeDefined();
	expect(JSON.stringify(lines.records)).toBe(JSON.stringify(expected));
	expect(lines.records).toEqual(expected);
}

const head = '{\n"schema": 1,\n"dataset": "data.jsonl",\n"createdAt": "2026-01-01T00:00:00.000Z",\n"decisions": [';
const file = (lines: string[]) => `${head}${lines.length > 0 ? `\n${lines.join(',\n')}\n` : ''}]\n}\n`;

const record = fc.record({
	sample: fc.oneof(fc.uuid(), fc.string(), fc.string({unit: 'binary'})),
	reviewer: fc.oneof(fc.constantFrom('alice', 'bob'), fc.string()),
	verdict: fc.constantFrom('accepted', 'rejected', 'flagged', null),
	categories: fc.array(fc.oneof(fc.constantFrom('age', 'gender identity'), fc.string()), {maxLength: 3}),
	note: fc.oneof(fc.constant(''), fc.string({unit: 'binary'})),
	at: fc.date({noInvalidDate: true}).map(date => date.toISOString()),
}, {requiredKeys: ['sample', 'reviewer', 'verdict', 'categories', 'note', 'at']});

describe('DecisionLines (decisions files in winnow\'s layout without JSON.parse)', () => {
	it('reads what serializeDecisionsFile writes, as JSON.parse does', () => {
		const rule = fc.option(fc.oneof(fc.constantFrom('signal:refusal', 'model:gpt-4o scores.quality<0.5', 'category:"gender identity"'), fc.string()), {nil: undefined});
		fc.assert(fc.property(fc.array(fc.tuple(record, fc.constantFrom(undefined, true, false), rule), {maxLength: 8}), entries => {
			const decisions = entries.map(([base, resolution, rule]) => ({...base, ...(resolution === undefined ? {} : {resolution}), ...(rule === undefined ? {} : {rule})})) as DecisionRecord[];
			const data: DecisionsFile = {schema: 1, dataset: 'data.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions};
			const text = serializeDecisionsFile(data);
			const lines = readRecordLines(Buffer.from(text));
			expect(lines).toBeDefined();
			expect(JSON.stringify(lines!.records)).toBe(JSON.stringify(reference(text)));
			for (const [index, record] of decisions.entries()) expect(lines!.lines.rule(index)).toBe(record.rule);
		}), {numRuns: 1000});
	});

	it('declines or agrees on record lines in other forms, mutated or invalid', () => {
		const canonical = '{"sample":"s1","reviewer":"ann","verdict":"accepted","categories":["age","other"],"note":"n","at":"2026-01-01T00:00:00.000Z","rule":"model:x"}';
		const tricky = fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\u0001', 'u', 'é', 'x', 'null', 'true', '1');
		fc.assert(fc.property(fc.nat(), tricky, fc.constantFrom('remove', 'insert', 'replace'), (at, character, how) => {
			const i = at % canonical.length;
			const mutated = how === 'remove' ? canonical.slice(0, i) + canonical.slice(i + 1) : how === 'insert' ? canonical.slice(0, i) + character + canonical.slice(i) : canonical.slice(0, i) + character + canonical.slice(i + 1);
			agree(file([canonical, mutated]));
			agree(file([mutated]));
		}), {numRuns: 3000});
	});

	it('handles edge cases as the whole parse does', () => {
		const cases = [
			file([]),
			`${head}]\n}\n`,
			file(['{"sample":"a","reviewer":"r","verdict":null,"categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","resolution":true}']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","resolution":false}']),
			file(['{"sample":"a","reviewer":"r","verdict":"maybe","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","at":"2026-01-01T00:00:00.000Z"}']),
			file(['{"reviewer":"r","sample":"a","verdict":"accepted","categories":[1],"note":5,"at":"2026-01-01T00:00:00.000Z"}']),
			file(['{"sample":"a\\u0041","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","at":"u"}']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"} ']),
			file(['{"sample":1,"reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}']),
			file(['[1]']),
			file(['{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"t"}']),
			`${head}\n{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"},\n]\n}\n`,
			`${head}\n{"sample":"a","reviewer":"r","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}\n]\n}\nx`,
		];
		for (const text of cases) agree(text);
		// Resolutions keep their place and value.
		const resolved = readRecordLines(Buffer.from(cases[3]))!.records[0];
		expect(Object.keys(resolved)).toEqual(['sample', 'reviewer', 'verdict', 'categories', 'note', 'at', 'resolution']);
	});

	it('reads records with blind, reasons and corrections (the optional keys) exactly, blind and reasons without JSON.parse', () => {
		fc.assert(fc.property(fc.array(fc.tuple(record, fc.constantFrom(undefined, true), fc.constantFrom(undefined, true, false), fc.option(fc.array(fc.oneof(fc.constantFrom('unsafe', 'off-topic'), fc.string({unit: 'binary'})), {maxLength: 3}), {nil: undefined}), fc.option(fc.dictionary(fc.string(), fc.jsonValue()), {nil: undefined})), {maxLength: 8}), entries => {
			const decisions = entries.map(([base, resolution, blind, reasons, correction]) => {
				const built: Record<string, unknown> = {...base};
				if (resolution) built.resolution = resolution;
				if (blind !== undefined) built.blind = blind;
				if (reasons) built.reasons = reasons;
				if (correction) built.correction = correction;
				return built;
			}) as DecisionRecord[];
			const text = serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions});
			const lines = readRecordLines(Buffer.from(text));
			expect(lines).toBeDefined();
			expect(JSON.stringify(lines!.records)).toBe(JSON.stringify(reference(text)));
			for (const [index, decision] of decisions.entries()) expect(lines!.lines.hasReasons(index)).toBe((decision.reasons?.length ?? 0) > 0);
		}), {numRuns: 500});
		const withReasons = '{"sample":"s1","reviewer":"ann","verdict":"rejected","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","blind":true,"reasons":["unsafe","duplicate"]}';
		const mutations = fc.constantFrom('"', '\\', ']', ',', ' ', 'x', '1');
		fc.assert(fc.property(fc.nat(), mutations, (at, character) => {
			const i = at % withReasons.length;
			agree(file([withReasons.slice(0, i) + character + withReasons.slice(i + 1)]));
			agree(file([withReasons.slice(0, i) + character + withReasons.slice(i)]));
		}), {numRuns: 1000});
		const read = readRecordLines(Buffer.from(file([withReasons])))!;
		expect(read.records[0].reasons).toEqual(['unsafe', 'duplicate']);
		expect(read.records[0].blind).toBe(true);
		// Read from the bytes, not parsed: the scanner took the line.
		expect((read.lines as unknown as {parsed: Map<number, unknown>}).parsed.size).toBe(0);
		agree(file(['{"sample":"a","reviewer":"r","verdict":"rejected","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","reasons":"unsafe"}']));
		agree(file(['{"sample":"a","reviewer":"r","verdict":"rejected","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z","correction":[1]}']));
	});
});

describe('DecisionLines.readShared (the second half of the lines read by another thread)', () => {
	/** The helper as a worker runs it (readLinesFrom), here; or one that fails. */
	const helper: LinesHelper = async task => readLinesFrom(task);
	const failing: LinesHelper = async () => undefined;
	const shared = (text: string) => {
		const bytes = Buffer.from(text);
		const memory = Buffer.from(new SharedArrayBuffer(bytes.length + 1)).subarray(0, bytes.length);
		bytes.copy(memory);
		return memory;
	};

	/** What a DecisionLines says about every record, fingerprints included. */
	const described = (lines: DecisionLines | undefined) => lines && {
		length: lines.length,
		headEnd: lines.headEnd,
		records: JSON.stringify(lines.records()),
		facts: Array.from({length: lines.length}, (_, index) => {
			lines.fingerprintSample(index);
			return [fingerprint[0], fingerprint[1], lines.verdict(index), lines.isResolution(index), lines.hasCategories(index), lines.hasReasons(index), lines.hasCorrection(index), lines.hasHash(index), lines.rule(index), lines.sample(index)];
		}),
	};

	const canonical = (sample: string) => `{"sample":${JSON.stringify(sample)},"reviewer":"ann","verdict":"accepted","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}`;
	const other = (sample: string) => `{"reviewer":"ann","sample":${JSON.stringify(sample)},"verdict":"rejected","categories":["age"],"note":"x","at":"2026-01-01T00:00:00.000Z","correction":{"a":1}}`;
	const line = fc.oneof(
		fc.string().map(canonical),
		fc.string().map(other),
		fc.constantFrom('[1]', '{"sample":"a"', '{"sample":"a","reviewer":"r","verdict":"maybe","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}', ''),
	);

	it('gives what read gives, or declines where it declines, wherever the halves meet', async () => {
		await fc.assert(fc.asyncProperty(fc.array(line, {maxLength: 12}), fc.constantFrom('ok', 'trailing comma', 'no tail'), async (lines, ending) => {
			let text = file(lines);
			if (ending === 'trailing comma') text = text.replace(/\n]\n}\n$/, ',\n]\n}\n');
			if (ending === 'no tail') text = text.replace(/]\n}\n$/, '');
			const expected = described(DecisionLines.read(Buffer.from(text)));
			expect(described(await DecisionLines.readShared(shared(text), helper, 0))).toEqual(expected);
			expect(described(await DecisionLines.readShared(shared(text), failing, 0))).toEqual(expected);
		}), {numRuns: 1500});
	});

	it('has the helper read the second half (a file that is big enough)', async () => {
		const lines = Array.from({length: 1000}, (_, index) => (index % 97 === 0 ? other(`s${index}`) : canonical(`s${index}`)));
		const text = file(lines);
		let helped: {start: number; index: number} | undefined;
		const watching: LinesHelper = async task => {
			helped = {start: task.start, index: task.index};
			return readLinesFrom(task);
		};

		const read = await DecisionLines.readShared(shared(text), watching, 0);
		expect(described(read)).toEqual(described(DecisionLines.read(Buffer.from(text))));
		expect(helped!.index).toBeGreaterThan(400);
		expect(helped!.index).toBeLessThan(600);
		expect(text.slice(helped!.start).startsWith(lines[helped!.index])).toBe(true);
		// Not in shared memory: read here alone.
		helped = undefined;
		expect(described(await DecisionLines.readShared(Buffer.from(text), watching, 0))).toEqual(described(read));
		expect(helped).toBeUndefined();
	});
});
