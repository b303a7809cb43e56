import {renderSample} from '../dataset/formats/index.js';
import type {Query, Term} from './ast.js';
import {termsOf} from './ast.js';
import {fieldPathsOf} from './complete.js';
import {termHolds} from './evaluate.js';
import type {SampleFacts} from './facts.js';
import {valuesAt} from './field-path.js';
import {pathName} from './format.js';
import {textPattern} from './parser.js';
import {closest, keywords, type Keyword} from './vocabulary.js';

/**
 * A keyword term whose keyword is also the name of a field of the samples (`category:brainstorming`
 * on Dolly, whose samples have a "category"): `seen` once the field term `$.category:brainstorming`
 * held on a sample, `held` once the keyword term did.
 */
type Shadow = {keyword: Keyword; value: string; term: Term; field: Term; needle: Buffer; seen: boolean; held: boolean; looked: number; keyed: boolean};

/** Samples after which a keyword none of them has as a key is no field of the file (a field is on nearly every sample): it is not watched further. */
const samplesForKeys = 20;

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
	private shadows: Shadow[] = [];

	constructor(paths: readonly string[][], sideTerms: readonly string[] = [], shadowed: readonly Term[] = []) {
		this.sidesPending = [...new Set(sideTerms)];
		const unique = new Map<string, string[]>();
		for (const path of paths) unique.set(pathName(path), path);
		this.pending = [...unique].map(([name, path]) => {
			const last = path.at(-1)!;
			// A list index is no key; JSON may write a "/" as "\/".
			return {path, name, needle: /^\d+$/.test(last) || last.includes('/') ? undefined : Buffer.from(JSON.stringify(last))};
		});
		const written = new Set<string>();
		for (const term of shadowed) {
			const shadow = shadowOf(term);
			if (!shadow || written.has(`${shadow.keyword}:${shadow.value}`)) continue;
			written.add(`${shadow.keyword}:${shadow.value}`);
			this.shadows.push(shadow);
		}
	}

	static of(query: Query): FieldCheck {
		const paths: string[][] = [];
		const sides: string[] = [];
		const shadowed: Term[] = [];
		for (const term of termsOf(query.clauses)) {
			if (term.kind === 'field' || term.kind === 'compare') paths.push(term.path);
			else shadowed.push(term);
			if (term.kind === 'signal' && term.side !== undefined) sides.push(`signal:${term.signal}@${term.side}`);
		}

		return new FieldCheck(paths, sides, shadowed);
	}

	/** Whether anything is left to watch for (besides the preference-pair check). */
	get watching(): boolean {
		return this.pending.length > 0 || this.shadows.some(shadow => !shadow.held);
	}

	/**
	 * The next sample: its bytes, and its parsed value (asked only when the bytes may hold a pending
	 * field); `facts` (the sample's decisions, signals) when the query is asked about it: a keyword
	 * term is then tried on it too (see Shadow).
	 */
	see(bytes: Uint8Array, value: () => unknown, facts?: SampleFacts) {
		if (this.sidesPending.length > 0 && isPair(value())) this.sidesPending = [];
		if (!this.watching) return;
		const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		// JSON may escape a key's letters (\u0061): then the key's bytes prove nothing. Looked for only when needed.
		let escapedBytes: boolean | undefined;
		const escaped = () => (escapedBytes ??= buffer.includes(backslashU));
		let parsed: unknown;
		let read = false;
		const get = () => {
			if (!read) {
				parsed = value();
				read = true;
			}

			return parsed;
		};

		if (facts) {
			for (const shadow of this.shadows) {
				if (shadow.held) continue;
				if (termHolds(shadow.term, facts)) {
					shadow.held = true;
					continue;
				}

				if (shadow.seen) continue;
				const keyed = buffer.includes(shadow.needle) || escaped();
				if (keyed) {
					shadow.keyed = true;
					shadow.seen = termHolds(shadow.field, {value: get()} as SampleFacts);
				}

				if (++shadow.looked >= samplesForKeys && !shadow.keyed) shadow.held = true;
			}
		}

		if (this.pending.length === 0) return;
		if (this.sampled < sampledForNames) {
			this.sampled++;
			for (const name of fieldPathsOf(get())) this.seenNames.add(name);
		}

		this.pending = this.pending.filter(({path, needle}) => {
			if (needle && !buffer.includes(needle) && !escaped()) return true;
			return valuesAt(get(), path).length === 0;
		});
	}

	/** The fields no sample had (dotted paths). */
	missing(): string[] {
		return this.pending.map(({name}) => name);
	}

	/** One sentence naming the fields no sample has, with a guess at what was meant; undefined when all were seen. */
	problem(dataset: string): string | undefined {
		// A keyword term that matched nothing while a field of the keyword's name has its value (see Shadow).
		const shadow = this.shadows.find(shadow => shadow.seen && !shadow.held);
		if (shadow) {
			const value = /^[^\s|()"':]+$/.test(shadow.value) ? shadow.value : JSON.stringify(shadow.value);
			return `${shadow.keyword}:${value} asks about ${keywordMeaning[shadow.keyword]} and matches no sample, but samples in ${dataset} have a field "${shadow.keyword}" equal to ${value}: for the field, write $.${shadow.keyword}:${value}`;
		}

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

const keywordMeaning: Record<Keyword, string> = {
	status: 'the review status',
	signal: 'the computed signals',
	cluster: 'duplicate clusters',
	reviewer: 'who decided',
	verdict: 'the reviewers\' verdicts',
	category: 'the reviewers\' bias categories',
	reason: 'the reviewers\' rejection reasons',
	rule: 'the decide --where rule that decided',
};

/** The keyword a term asks with, and the value as written, as a Shadow to watch; undefined for a field or text term. */
function shadowOf(term: Term): Shadow | undefined {
	let keyword: Keyword;
	let value: string;
	switch (term.kind) {
		case 'status': {
			keyword = 'status';
			value = term.status;
			break;
		}

		case 'signal': {
			keyword = 'signal';
			value = term.side === undefined ? term.signal : `${term.signal}@${term.side}`;
			break;
		}

		case 'cluster': {
			keyword = 'cluster';
			value = term.id === undefined ? term.cluster : `${term.cluster}:${term.id}`;
			break;
		}

		case 'decision': {
			keyword = term.field;
			value = term.pattern.text;
			break;
		}

		default: {
			return undefined;
		}
	}

	return {keyword, value, term, field: {kind: 'field', path: [keyword], pattern: textPattern(value, false)}, needle: Buffer.from(JSON.stringify(keyword)), seen: false, held: false, looked: 0, keyed: false};
}
