import wrapAnsi from 'wrap-ansi';
import {sanitize, sanitizeLine} from '../dataset/sanitize.js';
import type {Block, Tone} from '../dataset/formats/index.js';

export type Row = {
	text: string;
	tone?: Tone;
	/** A block's heading row (role or field name). */
	heading?: boolean;
};

/** A paragraph longer than this is cut at fixed widths instead of word-wrapped, to stay fast. */
const longParagraph = 20_000;
const indent = '  ';
const smallSample = 100_000;

type Source = {heading: Row | undefined; paragraphs: string[] | undefined; text: string; tone: Tone};

/**
 * A sample's body as terminal rows, wrapped to a width. Rows are made on demand, paragraph by
 * paragraph, so a sample with a 20 MB line shows at once and scrolls without wrapping it all.
 */
export class SampleRows {
	private readonly rows: Row[] = [];
	private block = 0;
	private paragraph = 0;
	private readonly sources: Source[];
	/** Small samples are wrapped whole at once, so their row count is known from the start. */
	private readonly small: boolean;

	constructor(blocks: Block[], readonly width: number) {
		this.small = blocks.reduce((sum, block) => sum + block.text.length, 0) < smallSample;
		this.sources = blocks.map(block => ({
			heading: block.label ? {text: sanitizeLine(block.label), tone: block.tone, heading: true} : undefined,
			paragraphs: undefined,
			text: block.text,
			tone: block.tone,
		}));
	}

	/** True once every row has been made, so `made` is the total. */
	get complete(): boolean {
		return this.block >= this.sources.length;
	}

	get made(): number {
		return this.rows.length;
	}

	slice(start: number, count: number): Row[] {
		this.makeUntil(this.small ? Number.POSITIVE_INFINITY : start + count + 1);
		return this.rows.slice(start, start + count);
	}

	/** Makes every row and returns how many there are: for jumping to the end of a sample. */
	total(): number {
		this.makeUntil(Number.POSITIVE_INFINITY);
		return this.rows.length;
	}

	private makeUntil(wanted: number) {
		const textWidth = Math.max(10, this.width - indent.length);
		while (this.rows.length < wanted && this.block < this.sources.length) {
			const source = this.sources[this.block];
			if (source.paragraphs === undefined) {
				if (this.block > 0) this.rows.push({text: ''});
				if (source.heading) this.rows.push(source.heading);
				source.paragraphs = sanitize(source.text).split('\n');
				this.paragraph = 0;
			}

			if (this.paragraph >= source.paragraphs.length) {
				source.paragraphs = [];
				this.block++;
				continue;
			}

			const paragraph = source.paragraphs[this.paragraph++];
			for (const line of wrapParagraph(paragraph, textWidth)) this.rows.push({text: indent + line, tone: source.tone});
		}
	}
}

export function wrapParagraph(paragraph: string, width: number): string[] {
	if (paragraph === '') return [''];
	if (paragraph.length > longParagraph) return cutEvery(paragraph, width);
	if (printableAscii.test(paragraph)) return wrapAscii(paragraph, width);
	const lead = indentation(paragraph);
	if (lead === 0 || paragraph.includes(placeholder)) return wrapAnsi(paragraph, width, {hard: true, trim: true, wordWrap: true}).split('\n');
	const rows = wrapAnsi(placeholder.repeat(lead) + paragraph.slice(lead), width, {hard: true, trim: true, wordWrap: true}).split('\n');
	return rows.map(row => row.replaceAll(placeholder, ' '));
}

const printableAscii = /^[\u0020-\u007E]*$/;

/**
 * Stands in for a paragraph's leading spaces while it is wrapped, so that trimming keeps them: one
 * column wide, not whitespace to String#trim, and not in sample text (ASCII text never has it; other
 * text is checked).
 */
const placeholder = '\uE000';

/** How many spaces a paragraph starts with, when text follows them (an indented line, code). */
function indentation(paragraph: string): number {
	const lead = /^ +(?=[^ ])/.exec(paragraph);
	return lead ? lead[0].length : 0;
}

/**
 * Word-wraps printable ASCII text, where every character is one column and there are no escape
 * sequences, about fifty times faster than wrap-ansi: most generated text is ASCII, and it is
 * wrapped for every sample shown. The rows are wrap-ansi's with {hard: true, trim: true, wordWrap:
 * true}: a break consumes the spaces at it (no row starts with the space it broke at) and rows
 * carry no trailing spaces. Unlike trim, the paragraph's own leading spaces stay on its first row
 * (indented lines, code). test/sample-rows.test.ts checks this against wrap-ansi.
 */
export function wrapAscii(text: string, width: number): string[] {
	const lead = indentation(text);
	// The leading spaces are kept by gluing them to the first word as non-space characters.
	const words = (lead > 0 ? '\u0000'.repeat(lead) + text.slice(lead) : text).split(' ');
	const rows = [''];
	for (const [index, word] of words.entries()) {
		rows[rows.length - 1] = trimStartSpaces(rows.at(-1)!);
		let rowLength = rows.at(-1)!.length;
		if (index !== 0 && rowLength > 0) {
			rows[rows.length - 1] += ' ';
			rowLength++;
		}

		if (word.length > width) {
			// A word longer than a row: cut it, starting on this row if that takes no more rows.
			const breaksStartingThisLine = 1 + Math.floor((word.length - (width - rowLength) - 1) / width);
			const breaksStartingNextLine = Math.floor((word.length - 1) / width);
			if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
			let visible = rows.at(-1)!.length;
			for (let k = 0; k < word.length; k++) {
				if (visible + 1 <= width) {
					rows[rows.length - 1] += word[k];
				} else {
					rows.push(word[k]);
					visible = 0;
				}

				visible++;
				if (visible === width && k < word.length - 1) {
					rows.push('');
					visible = 0;
				}
			}

			continue;
		}

		if (rowLength + word.length > width && rowLength > 0 && word.length > 0) rows.push('');
		rows[rows.length - 1] += word;
	}

	return rows.map(row => trimEndSpaces(row).replaceAll('\u0000', ' '));
}

function trimStartSpaces(row: string): string {
	let start = 0;
	while (row.charCodeAt(start) === 32) start++;
	return start === 0 ? row : row.slice(start);
}

function trimEndSpaces(row: string): string {
	let end = row.length;
	while (end > 0 && row.charCodeAt(end - 1) === 32) end--;
	return end === row.length ? row : row.slice(0, end);
}

function cutEvery(text: string, width: number): string[] {
	const lines: string[] = [];
	let start = 0;
	while (start < text.length) {
		let end = start;
		for (let n = 0; n < width && end < text.length; n++) {
			const code = text.charCodeAt(end);
			end += code >= 0xd8_00 && code <= 0xdb_ff ? 2 : 1;
		}

		lines.push(text.slice(start, end));
		start = end;
	}

	return lines;
}
