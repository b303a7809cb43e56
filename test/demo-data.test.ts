import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {detectFormat, FORMATS, renderSample, type Format} from '../source/dataset/formats/index.js';

// The demo dataset is what a newcomer sees first (npm start): keep it representative.

function dataFile(name: string): string {
	return readFileSync(fileURLToPath(new URL(`../data/${name}`, import.meta.url)), 'utf8');
}

function parseOrUndefined(line: string): unknown {
	try {
		return JSON.parse(line) as unknown;
	} catch {
		return undefined;
	}
}

const demoLines = dataFile('demo.jsonl').split('\n');
const lastLine = demoLines.pop();
const parsed = demoLines.map(line => parseOrUndefined(line));
const samples = parsed.filter(value => value !== undefined);

describe('data/demo.jsonl', () => {
	test('ends with a newline and holds about 60 lines, none blank', () => {
		expect(lastLine).toBe('');
		expect(demoLines.length).toBeGreaterThanOrEqual(55);
		expect(demoLines.length).toBeLessThanOrEqual(75);
		expect(demoLines.every(line => line.trim() !== '')).toBe(true);
	});

	test('exactly one line is malformed, and not the first or last', () => {
		const malformed = parsed.flatMap((value, index) => (value === undefined ? [index] : []));
		expect(malformed).toHaveLength(1);
		expect(malformed[0]).toBeGreaterThan(0);
		expect(malformed[0]).toBeLessThan(demoLines.length - 1);
	});

	test('every other line is a JSON object', () => {
		for (const value of samples) {
			expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
		}
	});

	test('every format is represented', () => {
		const seen = new Set<Format>(samples.map(value => detectFormat(value)));
		expect([...FORMATS].filter(format => !seen.has(format))).toEqual([]);
	});

	test('most samples have an id, some do not, and one line is an exact duplicate', () => {
		const ids = samples.map(value => (value as Record<string, unknown>)['id']);
		const withId = ids.filter(id => typeof id === 'string');
		expect(withId.length).toBeGreaterThan(samples.length / 2);
		expect(withId.length).toBeLessThan(samples.length);
		expect(new Set(withId).size).toBe(withId.length);
		expect(new Set(demoLines).size).toBe(demoLines.length - 1);
	});

	test('holds the hostile text the sanitiser exists for, escaped so the file itself is safe to cat', () => {
		const text = dataFile('demo.jsonl');
		for (const escaped of ['\\u001b[31m', '\\u001b]52;c;', '\\u0007', '\\u202e', '\\u0000', '\\u200b', '<|endoftext|>']) {
			expect(text).toContain(escaped);
		}

		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
	});

	test('has one long sample of several thousand characters', () => {
		const longest = Math.max(...demoLines.map(line => line.length));
		expect(longest).toBeGreaterThan(3000);
	});

	test('renders every sample without falling back unexpectedly', () => {
		for (const value of samples) {
			const rendered = renderSample(value);
			expect(rendered.blocks.length).toBeGreaterThan(0);
		}
	});
});

describe('data/array-demo.json', () => {
	test('is one line holding a JSON array of recognised samples', () => {
		const text = dataFile('array-demo.json');
		expect(text.trimEnd().includes('\n')).toBe(false);
		const value = JSON.parse(text) as unknown;
		expect(Array.isArray(value)).toBe(true);
		const formats = (value as unknown[]).map(sample => detectFormat(sample));
		expect(formats.length).toBeGreaterThanOrEqual(3);
		expect(formats.every(format => format === 'alpaca' || format === 'sharegpt')).toBe(true);
	});
});
