import {fieldPathOf, valuesAt} from './field-path.js';
import {pathName} from './format.js';
import {answerSides, clusterKinds, defaultSignalNames, isKeyword, keywords, statusValues, verdictValues, wholeSampleSignals} from './vocabulary.js';

/** What completion may offer beyond the language's own words. */
export type CompletionContext = {
	/** Signal names (default: the signal engine's). */
	signals?: readonly string[];
	/** Metadata field paths seen in the samples (model, scores.quality, …). */
	fields?: readonly string[];
	categories?: readonly string[];
	reasons?: readonly string[];
	reviewers?: readonly string[];
	/** Values seen for a metadata field, by path. */
	values?: (path: string) => readonly string[];
};

export type Completion = {
	/** Where the word being completed starts in the line: replace line[start, cursor) with a candidate. */
	start: number;
	/** Whole replacements for that word, sorted; several means the screen should list them. */
	candidates: string[];
	/** The longest prefix every candidate shares (what one tab press can insert). */
	common: string;
};

/**
 * Completions for the word before the cursor in a query line: term names (status: signal: …
 * and metadata fields), then, after `name:`, that name's values (signal names, statuses, verdicts,
 * categories, reasons, reviewers, seen values). A `-` in front is kept; after `name:a|` the values
 * of `name` are offered again.
 */
export function complete(line: string, context: CompletionContext = {}, cursor = line.length): Completion {
	const start = wordStart(line, cursor);
	const word = line.slice(start, cursor);
	const negation = word.startsWith('-') ? '-' : '';
	const body = word.slice(negation.length);
	const colon = body.indexOf(':');
	let candidates: string[];
	if (colon === -1) {
		const previousName = nameBeforeBar(line, start);
		const names = [...keywords.map(keyword => `${keyword}:`), ...(context.fields ?? []).map(field => `${pathName(field.split('.'))}:`)];
		const values = previousName === undefined ? [] : valuesOf(previousName, context);
		// A field named like a keyword is $.category: offered for "cat" too, beside the keyword category:.
		const typed = body.toLowerCase();
		candidates = [...values, ...names].filter(candidate => candidate.toLowerCase().startsWith(typed) || (candidate.startsWith('$.') && !typed.startsWith('$') && candidate.slice(2).toLowerCase().startsWith(typed))).map(candidate => negation + candidate);
	} else {
		const name = body.slice(0, colon);
		const typed = body.slice(colon + 1).replace(/^["']/, '').toLowerCase();
		// After "signal:refusal@": the answers of a pair a signal may be narrowed to.
		const values = name === 'signal' && typed.includes('@')
			? valuesOf(name, context).filter(signal => !wholeSampleSignals.includes(signal)).flatMap(signal => answerSides.map(side => `${signal}@${side}`))
			: valuesOf(name, context);
		candidates = values
			.filter(value => unquote(value).toLowerCase().startsWith(typed))
			.map(value => `${negation}${name}:${value}`);
		// category:bra on samples with a "category" field: the keyword has no such value, the field has: $.category:brainstorming.
		if (candidates.length === 0 && typed !== '' && isKeyword(name) && (context.fields ?? []).includes(name)) {
			candidates = valuesOf(`$.${name}`, context)
				.filter(value => unquote(value).toLowerCase().startsWith(typed))
				.map(value => `${negation}$.${name}:${value}`);
		}
	}

	candidates = [...new Set(candidates)].sort();
	return {start, candidates, common: commonPrefix(candidates) || word};
}

function valuesOf(name: string, context: CompletionContext): string[] {
	switch (name) {
		case 'status': {
			return [...statusValues];
		}

		case 'signal': {
			return [...(context.signals ?? defaultSignalNames)];
		}

		case 'cluster': {
			return [...clusterKinds];
		}

		case 'verdict': {
			return [...verdictValues];
		}

		case 'category': {
			return (context.categories ?? []).map(value => quoteIfNeeded(value));
		}

		case 'reason': {
			return (context.reasons ?? []).map(value => quoteIfNeeded(value));
		}

		case 'reviewer': {
			return (context.reviewers ?? []).map(value => quoteIfNeeded(value));
		}

		case 'rule': {
			return [];
		}

		default: {
			return (context.values?.(name) ?? []).map(value => quoteIfNeeded(value));
		}
	}
}

/** Where the word ending at `cursor` starts: after white space, `|` or a parenthesis outside quotes. */
function wordStart(line: string, cursor: number): number {
	let start = 0;
	let quoted = false;
	for (let i = 0; i < cursor; i++) {
		const c = line[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === ' ' || c === '\t' || c === '|' || c === '(' || c === ')')) start = i + 1;
	}

	return start;
}

/** For `name:a|` followed by the word at `start`: name. */
function nameBeforeBar(line: string, start: number): string | undefined {
	if (line[start - 1] !== '|') return undefined;
	const before = line.slice(0, start - 1);
	const previous = before.slice(wordStart(before, before.length)).replace(/^-/, '');
	const match = /^([\p{L}\p{N}\p{M}_$.-]+):/u.exec(previous);
	if (match) return match[1];
	// name:a|b|… : look further back.
	return wordStart(before, before.length) > 0 && before[wordStart(before, before.length) - 1] === '|' ? nameBeforeBar(line, wordStart(before, before.length)) : undefined;
}

function quoteIfNeeded(value: string): string {
	return /[\s|"]/.test(value) ? `"${value.replaceAll('"', '\\"')}"` : value;
}

function unquote(value: string): string {
	return value.startsWith('"') ? value.slice(1) : value;
}

function commonPrefix(values: string[]): string {
	if (values.length === 0) return '';
	let prefix = values[0];
	for (const value of values) {
		while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
	}

	return prefix;
}

/**
 * The values a field (named as a query names it: model, meta.lang, "x y") has in some samples, as
 * `:` compares them (strings, numbers, true, false, null), each once, at most `limit`, for completing
 * `name:` values. Long texts are left out: nobody types them after a colon.
 */
export function seenValues(samples: Iterable<unknown>, name: string, limit = 100): string[] {
	const path = fieldPathOf(name);
	if (path === undefined) return [];
	const values = new Set<string>();
	for (const sample of samples) {
		for (const value of valuesAt(sample, path)) {
			const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || value === null ? String(value) : undefined;
			if (text === undefined || text === '' || text.length > 60 || text.includes('\n')) continue;
			values.add(text);
			if (values.size >= limit) return [...values];
		}
	}

	return [...values];
}

/**
 * The dotted paths of a sample's fields, for completing metadata names: every key, and the keys of
 * objects below it (through lists, as queries look through them), at most `limit` paths.
 */
export function fieldPathsOf(value: unknown, limit = 200): string[] {
	const paths = new Set<string>();
	const visit = (node: unknown, prefix: string, depth: number) => {
		if (paths.size >= limit || depth > 4) return;
		if (Array.isArray(node)) {
			for (const element of node.slice(0, 20)) visit(element, prefix, depth);
			return;
		}

		if (node === null || typeof node !== 'object') return;
		for (const [key, child] of Object.entries(node)) {
			// A key with a dot cannot be named by a path; one with other characters is named in quotes (pathName).
			if (key === '' || key.includes('.')) continue;
			const path = prefix === '' ? key : `${prefix}.${key}`;
			paths.add(path);
			if (paths.size >= limit) return;
			visit(child, path, depth + 1);
		}
	};

	visit(value, '', 0);
	return [...paths];
}
