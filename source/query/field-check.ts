import {renderSample} from '../dataset/formats/index.js';
import type {Query} from './ast.js';
import {termsOf} from './ast.js';
import {fieldPathsOf} from './complete.js';
import {valuesAt} from './field-path.js';
import {pathName} from './format.js';
import {closest, keywords} from './vocabulary.js';

/** Samples whose field paths are kept for "did you mean". */
const sampledForNames = 20;
const backslashU = Buffer.from('\\u');

/**
 * Watches the samples of a scan, one after another, for the metadata fields a query names: a field
 * no sample has makes its term the same for every sample (`signals:refusal` matches none,
 * `-signals:refusal` all), which is nearly always a misspelt name, never what was meant.
 */
export class FieldCheck {
	/** Paths not yet seen on any sample, with the key their bytes must hold ("key"). */
	private pending: Array<{path: string[]; name: string; needle: Buffer | undefined}>;
	private readonly seenNames = new Set<string>();
	private sampled = 0;
	/**
	 * The signal:…@chosen / @rejected terms, while no sample seen is a preference pair: on a file of none they
	 * match no sample, which is said as a missing field is.
	 */
	private sidesPending: string[];

	constructor(paths: readonly string[][], sideTerms: readonly string[] = []) {
		this.sidesPending = [...new Set(sideTerms)];
		const unique = new Map<string, string[]>();
		for (const path of paths) unique.set(pathName(path), path);
		this.pending = [...unique].map(([name, path]) => {
			const last = path.at(-1)!;
			// A list index is no key; JSON may write a "/" as "\/".
			return {path, name, needle: /^\d+$/.test(last) || last.includes('/') ? undefined : Buffer.from(JSON.stringify(last))};
		});
	}

	static of(query: Query): FieldCheck {
		const paths: string[][] = [];
		const sides: string[] = [];
		for (const term of termsOf(query.clauses)) {
			if (term.kind === 'field' || term.kind === 'compare') paths.push(term.path);
			else if (term.kind === 'signal' && term.side !== undefined) sides.push(`signal:${term.signal}@${term.side}`);
		}

		return new FieldCheck(paths, sides);
	}

	/** The next sample: its bytes, and its parsed value (asked only when the bytes may hold a pending field). */
	see(bytes: Uint8Array, value: () => unknown) {
		if (this.sidesPending.length > 0 && isPair(value())) this.sidesPending = [];
		if (this.pending.length === 0) return;
		const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const escaped = buffer.includes(backslashU);
		let parsed: unknown;
		let read = false;
		const get = () => {
			if (!read) {
				parsed = value();
				read = true;
			}

			return parsed;
		};

		if (this.sampled < sampledForNames) {
			this.sampled++;
			for (const name of fieldPathsOf(get())) this.seenNames.add(name);
		}

		this.pending = this.pending.filter(({path, needle}) => {
			if (!escaped && needle && !buffer.includes(needle)) return true;
			return valuesAt(get(), path).length === 0;
		});
	}

	/** The fields no sample had (dotted paths). */
	missing(): string[] {
		return this.pending.map(({name}) => name);
	}

	/** One sentence naming the fields no sample has, with a guess at what was meant; undefined when all were seen. */
	problem(dataset: string): string | undefined {
		const sides = this.sidesPending.length === 0 ? undefined : `no sample in ${dataset} is a preference pair (a chosen and a rejected answer), so ${this.sidesPending.join(' and ')} can match none (write the signal without "@…" to look at the whole sample)`;
		if (this.pending.length === 0) return sides;
		if (sides) return `${this.fieldsProblem(dataset)}; and ${sides}`;
		return this.fieldsProblem(dataset);
	}

	private fieldsProblem(dataset: string): string {
		const parts = this.pending.map(({name}) => `${name.startsWith('"') ? name : `"${name}"`}${this.guess(name)}`);
		const top = [...this.seenNames].filter(name => !name.includes('.')).map(name => pathName([name]));
		const fields = top.slice(0, 8);
		const has = fields.length > 0 ? `; the samples have ${fields.join(', ')}${top.length > fields.length ? ' and others' : ''}` : '';
		return `no sample in ${dataset} has a field ${parts.join(' or ')}${has}`;
	}

	private guess(name: string): string {
		const keyword = name.includes('.') || name.startsWith('"') ? undefined : closest(name, keywords);
		if (keyword && keyword !== name) return ` (did you mean ${keyword}:?)`;
		const field = closest(name, [...this.seenNames].map(seen => pathName(seen.split('.'))));
		return field ? ` (did you mean ${field}?)` : '';
	}
}

/** A sample with a chosen or a rejected answer (any preference format: chosen/rejected, preferred_output, a judged pair). */
function isPair(value: unknown): boolean {
	if (value === undefined || value === null || typeof value !== 'object') return false;
	return renderSample(value).blocks.some(block => block.tone === 'chosen' || block.tone === 'rejected');
}
