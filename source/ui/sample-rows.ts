import {sanitize, sanitizeLine} from '../dataset/sanitize.js';
import {showKey} from '../review/keys.js';
import type {Block, Tone} from '../dataset/formats/index.js';
import {codePointWidth, extendsCluster, fitWidth, graphemeClusters, terminalWidth} from './terminal-width.js';
import {sideBySideMinimumWidth} from './layout.js';
import {matchRanges, type SearchPattern} from '../review/search-pattern.js';

/** One column of a row: a heading (a block's label) or a line of its text. */
export type Cell = {
	text: string;
	tone?: Tone;
	/** A block's heading row (role or field name). */
	heading?: boolean;
};

export type Row = Cell & {
	/** Side by side (a preference pair on a wide screen): this row's right column; the row itself is the left. */
	right?: Cell;
	/** The heading of the block this row is in: shown at the top of the viewport while the block is read. */
	sticky?: Row;
};

export type SampleRowsOptions = {
	/** The previous sample's system prompt: the same one here collapses to one line. */
	previousSystem?: string;
	/** Show a repeated system prompt in full anyway. */
	expandSystem?: boolean;
	/** The key that does that, for the collapsed line's hint. */
	expandKey?: string;
};

/** A paragraph longer than this is cut at fixed widths instead of word-wrapped, to stay fast. */
const longParagraph = 20_000;
const indent = '  ';
const smallSample = 100_000;
/** Between the two columns of a side-by-side pair. */
export const columnGap = ' │ ';
/** What a heading row is drawn with before its label. */
export const headingMark = '▌ ';

type Source = {
	heading: Row | undefined;
	paragraphs: string[] | undefined;
	text: string;
	tone: Tone;
	/** A heading with no text under it (a collapsed system prompt). */
	headingOnly?: boolean;
	pair?: {chosen: Block[]; rejected: Block[]};
};

/** The text a repeated system prompt collapses to. */
export const repeatedSystemLabel = 'system: same as previous sample';

/**
 * A sample's body as terminal rows, wrapped to a width. Rows are made on demand, paragraph by
 * paragraph, so a sample with a 20 MB line shows at once and scrolls without wrapping it all.
 * Every row fits the width as terminals measure it (terminal-width.ts).
 */
export class SampleRows {
	private readonly rows: Row[] = [];
	private block = 0;
	private paragraph = 0;
	private readonly sources: Source[];
	/** Small samples are wrapped whole at once, so their row count is known from the start. */
	private readonly small: boolean;
	/** The rows still to come of a very long paragraph, cut as they are needed. */
	private pending: {rows: Generator<string>; tone: Tone; sticky: Row | undefined} | undefined;
	/** True when a repeated system prompt was collapsed to one line. */
	readonly systemCollapsed: boolean;

	constructor(blocks: Block[], readonly width: number, options: SampleRowsOptions = {}) {
		const size = blocks.reduce((sum, block) => sum + block.text.length, 0);
		this.small = size < smallSample;
		const first = blocks[0];
		this.systemCollapsed = first !== undefined && isSystemPrompt(first) && options.previousSystem === first.text && first.text.trim() !== '' && !options.expandSystem;
		const shown = this.systemCollapsed ? blocks.slice(1) : blocks;
		const pair = this.small && width >= sideBySideMinimumWidth ? pairRun(shown) : undefined;
		this.sources = [];
		if (this.systemCollapsed) {
			const hint = options.expandKey ? ` · ${showKey(options.expandKey)} to expand` : '';
			this.sources.push({heading: this.heading(repeatedSystemLabel + hint, 'system'), paragraphs: undefined, text: '', tone: 'system', headingOnly: true});
		}

		for (const [index, block] of shown.entries()) {
			if (pair && index > pair.start && index < pair.end) continue;
			if (pair && index === pair.start) {
				this.sources.push({heading: undefined, paragraphs: undefined, text: '', tone: 'chosen', pair: {chosen: shown.slice(pair.start, pair.middle), rejected: shown.slice(pair.middle, pair.end)}});
				continue;
			}

			this.sources.push({
				heading: block.label ? this.heading(block.label, block.tone) : undefined,
				paragraphs: undefined,
				text: block.text,
				tone: block.tone,
			});
		}
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

	/** The row holding the `occurrence`-th (0-based) match of the pattern; the last row with one if there are fewer. */
	rowOfMatch(pattern: SearchPattern, occurrence: number): number {
		let seen = 0;
		let last = 0;
		for (let r = 0; ; r++) {
			this.makeUntil(r + 1);
			if (r >= this.rows.length) return last;
			const row = this.rows[r];
			const matches = matchRanges(pattern, row.text).length + (row.right ? matchRanges(pattern, row.right.text).length : 0);
			if (matches === 0) continue;
			last = r;
			seen += matches;
			if (seen > occurrence) return r;
		}
	}

	private heading(label: string, tone: Tone): Row {
		return {text: fitWidth(sanitizeLine(label), this.width - headingMark.length), tone, heading: true};
	}

	private makeUntil(wanted: number) {
		const textWidth = Math.max(10, this.width - indent.length);
		while (this.rows.length < wanted && this.block < this.sources.length) {
			if (this.pending) {
				const next = this.pending.rows.next();
				if (next.done) this.pending = undefined;
				else this.rows.push({text: indent + next.value, tone: this.pending.tone, sticky: this.pending.sticky});
				continue;
			}

			const source = this.sources[this.block];
			if (source.pair) {
				if (this.block > 0) this.rows.push({text: ''});
				this.rows.push(...pairRows(source.pair.chosen, source.pair.rejected, this.width));
				this.block++;
				continue;
			}

			if (source.paragraphs === undefined) {
				if (this.block > 0) this.rows.push({text: ''});
				if (source.heading) this.rows.push(source.heading);
				source.paragraphs = source.headingOnly ? [] : sanitize(source.text).split('\n');
				this.paragraph = 0;
			}

			if (this.paragraph >= source.paragraphs.length) {
				source.paragraphs = [];
				this.block++;
				continue;
			}

			const opensBlock = this.paragraph === 0;
			const paragraph = source.paragraphs[this.paragraph++];
			if (paragraph.length > longParagraph) {
				this.pending = {rows: cutRows(paragraph, textWidth), tone: source.tone, sticky: source.heading};
				continue;
			}

			for (const line of wrapIndented(paragraph, textWidth, opensBlock)) this.rows.push({text: indent + line, tone: source.tone, sticky: source.heading});
		}
	}
}

function isSystemPrompt(block: Block): boolean {
	return block.tone === 'system' && block.label === 'system';
}

/** Where a run of chosen blocks is followed by a run of rejected ones: [start, middle) and [middle, end). */
function pairRun(blocks: Block[]): {start: number; middle: number; end: number} | undefined {
	const start = blocks.findIndex(block => block.tone === 'chosen');
	if (start === -1) return undefined;
	let middle = start;
	while (middle < blocks.length && blocks[middle].tone === 'chosen') middle++;
	let end = middle;
	while (end < blocks.length && blocks[end].tone === 'rejected') end++;
	return end > middle ? {start, middle, end} : undefined;
}

/** The two columns' widths for a screen width: left, right. */
export function columnWidths(width: number): [number, number] {
	const left = Math.floor((width - columnGap.length) / 2);
	return [left, width - columnGap.length - left];
}

/** One column of blocks as cells, wrapped to the column's width. */
function columnCells(blocks: Block[], width: number): Cell[] {
	const textWidth = Math.max(4, width - indent.length);
	const cells: Cell[] = [];
	for (const [index, block] of blocks.entries()) {
		if (index > 0) cells.push({text: ''});
		if (block.label) cells.push({text: fitWidth(sanitizeLine(block.label), width - headingMark.length), tone: block.tone, heading: true});
		for (const [number, paragraph] of sanitize(block.text).split('\n').entries()) {
			for (const line of wrapIndented(paragraph, textWidth, number === 0)) cells.push({text: indent + line, tone: block.tone});
		}
	}

	return cells;
}

/** A preference pair's two answers beside each other: chosen on the left, rejected on the right, one scroll. */
function pairRows(chosen: Block[], rejected: Block[], width: number): Row[] {
	const [leftWidth, rightWidth] = columnWidths(width);
	const left = columnCells(chosen, leftWidth);
	const right = columnCells(rejected, rightWidth);
	const rows: Row[] = [];
	const first: Row = {...left[0], right: right[0]};
	for (let i = 0; i < Math.max(left.length, right.length); i++) {
		rows.push(i === 0 ? first : {...(left[i] ?? {text: ''}), right: right[i] ?? {text: ''}, sticky: first});
	}

	return rows;
}

/**
 * A paragraph wrapped so that an indented line (pretty JSON, code) keeps its indentation on every row
 * it wraps to, two columns deeper on the continuation rows. The first line of a block (`opensBlock`) is
 * not nested in anything: white space before an answer (OpenAI's " Historians…" completions) is the
 * answer's own, kept on every row it wraps to, so the rows line up.
 */
export function wrapIndented(paragraph: string, width: number, opensBlock = false): string[] {
	const lead = indentation(paragraph);
	const hanging = opensBlock ? lead : lead + 2;
	if (lead === 0 || hanging > width / 2 || paragraph.length > longParagraph) return wrapParagraph(paragraph, width);
	const rows = wrapParagraph(paragraph.slice(lead), width - hanging);
	return rows.map((row, index) => (index === 0 ? ' '.repeat(lead) : ' '.repeat(hanging)) + row);
}

export function wrapParagraph(paragraph: string, width: number): string[] {
	if (paragraph === '') return [''];
	if (paragraph.length > longParagraph) return cutEvery(paragraph, width);
	if (printableAscii.test(paragraph)) return wrapAscii(paragraph, width);
	return wrapClusters(paragraph, width);
}

const printableAscii = /^[\u0020-\u007E]*$/;

/** How many spaces a paragraph starts with, when text follows them (an indented line, code). */
function indentation(paragraph: string): number {
	const lead = /^ +(?=[^ ])/.exec(paragraph);
	return lead ? lead[0].length : 0;
}

/**
 * Word-wraps any text to rows of at most `width` columns as terminals measure them, breaking only
 * between grapheme clusters: at spaces when it can, inside a word longer than a row when it must.
 * The rows are wrapAscii's for ASCII text: a break consumes the spaces at it, rows carry no trailing
 * spaces, and the paragraph's own leading spaces stay on its first row.
 */
export function wrapClusters(text: string, width: number): string[] {
	const rows: string[] = [];
	let row = '';
	let used = 0;
	let pendingSpaces = 0;
	let word: string[] = [];
	let wordWidth = 0;
	const leading = indentation(text);
	const endRow = () => {
		rows.push(row);
		row = '';
		used = 0;
	};

	const placeWord = () => {
		if (word.length === 0) return;
		const gap = used === 0 && rows.length > 0 ? 0 : pendingSpaces;
		if (used + gap + wordWidth <= width) {
			row += ' '.repeat(gap) + word.join('');
			used += gap + wordWidth;
		} else if (wordWidth <= width) {
			if (used > 0) endRow();
			row = word.join('');
			used = wordWidth;
		} else {
			// A word longer than a row: cut between its clusters, starting on this row if it has room.
			if (used > 0 && used + gap < width) {
				row += ' '.repeat(gap);
				used += gap;
			} else if (used > 0) {
				endRow();
			}

			for (const cluster of word.flatMap(each => (terminalWidth(each) > width ? [...each] : [each]))) {
				const clusterWidth = terminalWidth(cluster);
				if (used + clusterWidth > width && used > 0) endRow();
				row += cluster;
				used += clusterWidth;
			}
		}

		word = [];
		wordWidth = 0;
		pendingSpaces = 0;
	};

	let index = 0;
	for (const cluster of graphemeClusters(text)) {
		if (cluster === ' ') {
			if (index < leading) {
				row += ' ';
				used++;
			} else {
				placeWord();
				pendingSpaces++;
			}
		} else {
			word.push(cluster);
			wordWidth += terminalWidth(cluster);
		}

		index += cluster.length;
	}

	placeWord();
	rows.push(row.trimEnd());
	return rows.map(line => line.trimEnd());
}

/**
 * Word-wraps printable ASCII text, where every character is one column and there are no escape
 * sequences, about fifty times faster than the general path: most generated text is ASCII, and it is
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

/**
 * Cuts a very long paragraph into rows of at most `width` columns, one row at a time and without
 * segmenting it whole: a row never starts with a code point that extends the cluster before it (a
 * combining or spacing mark, a joiner, a variation selector), so clusters stay together in practice.
 */
export function * cutRows(text: string, width: number): Generator<string> {
	let start = 0;
	let used = 0;
	let clusterStart = 0;
	let usedBeforeCluster = 0;
	let previous = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		let codePoint = code;
		let columns = 1;
		let joins = false;
		if (code < 0x20 || code >= 0x7F) {
			codePoint = text.codePointAt(index)!;
			columns = codePointWidth(codePoint);
			joins = extendsCluster(codePoint, previous);
		} else if (previous === 0x20_0D) {
			joins = true;
		}

		if (!joins) {
			clusterStart = index;
			usedBeforeCluster = used;
		}

		if (used + columns > width && used > 0) {
			// Break before the cluster this code point is in; a cluster wider than a row is cut where it overflows.
			const cut = joins && clusterStart > start ? clusterStart : index;
			yield text.slice(start, cut);
			used = cut === index ? 0 : used - usedBeforeCluster;
			start = cut;
			clusterStart = cut;
			usedBeforeCluster = 0;
		}

		used += columns;
		previous = codePoint;
		index += codePoint > 0xFF_FF ? 2 : 1;
	}

	yield text.slice(start);
}

function cutEvery(text: string, width: number): string[] {
	return [...cutRows(text, width)];
}
