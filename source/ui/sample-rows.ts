import wrapAnsi from 'wrap-ansi';
import {sanitize, sanitizeLine} from '../dataset/sanitize.js';
import type {Block, Tone} from '../dataset/formats.js';

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
	return wrapAnsi(paragraph, width, {hard: true, trim: false, wordWrap: true}).split('\n');
}

const printableAscii = /^[\u0020-\u007E]*$/;

/**
 * wrapAnsi(text, width, {hard: true, trim: false, wordWrap: true}) for text of printable ASCII
 * only, where every character is one column and there are no escape sequences: the same rows
 * (test/sample-rows.test.ts checks it against wrap-ansi), about fifty times faster. Most generated
 * text is ASCII, and it is wrapped for every sample shown.
 */
export function wrapAscii(text: string, width: number): string[] {
	const rows = [''];
	for (const [index, word] of text.split(' ').entries()) {
		let rowLength = rows.at(-1)!.length;
		if (index !== 0) {
			if (rowLength >= width) {
				rows.push('');
				rowLength = 0;
			}

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

	return rows;
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
