/*
Several candidate answers to one prompt: Nectar's {"prompt", "answers": [{"answer", "model", "rank"}]},
UltraFeedback's raw {"instruction", "completions": [{"model", "response", "overall_score", …}]}, or a plain
{"prompt", "responses": ["…", "…"]}, distilabel's {"instruction", "generations": ["…"], "ratings": […], …}.
Each candidate is a block, labelled with its model, rank or score.
*/
import {compactJson} from './json-text.js';
import {compactValue} from './metadata.js';
import {contentText} from './messages.js';
import {transcriptMessages} from './transcript.js';
import {defineFormat, type Block, type JsonObject, type MetadataEntry} from './types.js';
import {firstStringKey, isObject, ownField, stringOrUndefined, turnText} from './values.js';

const promptKeys = ['prompt', 'instruction', 'question', 'query', 'input'] as const;
const listKeys = ['answers', 'completions', 'responses', 'candidates', 'outputs', 'generations'] as const;
const textKeys = ['answer', 'response', 'completion', 'text', 'output', 'content', 'generation'] as const;
const detailKeys = ['model', 'custom_system_prompt', 'rank', 'score', 'overall_score', 'rating', 'reward'] as const;

function candidateText(candidate: unknown): string | undefined {
	if (typeof candidate === 'string') return candidate;
	if (!isObject(candidate)) return undefined;
	const key = firstStringKey(candidate, textKeys);
	return key === undefined ? undefined : candidate[key] as string;
}

function candidateList(sample: JsonObject): {key: string; list: unknown[]} | undefined {
	for (const key of listKeys) {
		const list = sample[key];
		if (Object.hasOwn(sample, key) && Array.isArray(list) && list.length > 0 && list.every(item => candidateText(item) !== undefined)) return {key, list};
	}

	return undefined;
}

/**
distilabel keeps what it knows of each generation in lists beside it, one item per generation: the label of
generation i takes item i of each ({"generations", "generation_models", "ratings", "rationales"}).
*/
const parallelKeys = [
	['model', ['models', 'generation_models']],
	['rating', ['ratings']],
	['score', ['scores']],
	// Sentences, not a label's detail: a block under the generation.
	['rationale', ['rationales']],
] as const;

function parallelLists(sample: JsonObject, length: number): Array<{name: string; key: string; list: unknown[]}> {
	return parallelKeys.flatMap(([name, keys]) => {
		const key = keys.find(candidate => {
			const list = ownField(sample, candidate);
			return Array.isArray(list) && list.length === length;
		});
		return key === undefined ? [] : [{name, key, list: sample[key] as unknown[]}];
	});
}

function detailText(value: unknown): string {
	return typeof value === 'string' ? value : compactJson(value);
}

function details(candidate: unknown, parallel: Array<[string, unknown]>): string {
	const own = isObject(candidate) ? detailKeys.flatMap(key => {
		const value = candidate[key];
		if (key === 'custom_system_prompt' || value === undefined || value === null || value === '') return [];
		return [`${key} ${detailText(value)}`];
	}) : [];
	const beside = parallel.flatMap(([name, value]) => (value === undefined || value === null || value === '' ? [] : [`${name} ${detailText(value)}`]));
	const parts = [...own, ...beside];
	return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

const ratingKeys = ['Rating', 'rating', 'score', 'Score'] as const;

function ratingOf(value: unknown): unknown {
	if (!isObject(value)) return undefined;
	const key = ratingKeys.find(name => Object.hasOwn(value, name));
	return key === undefined ? undefined : value[key];
}

/** UltraFeedback's annotations: {aspect: {Rating, Rationale, …}} for every aspect. */
function isRatedAspects(value: unknown): value is JsonObject {
	return isObject(value) && Object.keys(value).length > 0 && Object.values(value).every(aspect => ratingOf(aspect) !== undefined);
}

/**
 * What else a candidate carries, compactly: rated aspects on one line ("helpfulness 4 · honesty 5"), numbers and
 * short values on one line, a text (a critique) on its own line, anything else as compact JSON. The aspects'
 * rationales go to the metadata panel (`m`) as `rationales`: one entry per candidate, an aspect a line.
 */
function detailsOf(rest: JsonObject, name: string): {text: string; rationales: MetadataEntry[]} {
	const lines: string[] = [];
	const short: string[] = [];
	const rationales: MetadataEntry[] = [];
	for (const [key, value] of Object.entries(rest)) {
		if (value === null || value === undefined) continue;
		if (isRatedAspects(value)) {
			lines.push(Object.entries(value).map(([aspect, rated]) => `${aspect} ${detailText(ratingOf(rated))}`).join(' · '));
			const why = Object.entries(value).map(([aspect, rated]) => {
				const parts = Object.entries(rated as JsonObject).filter(([field, detail]) => !(ratingKeys as readonly string[]).includes(field) && detail !== null && detail !== '');
				return parts.length === 0 ? undefined : `${aspect}: ${parts.map(([field, detail]) => `${field} ${detailText(detail)}`).join(' · ')}`;
			}).filter(line => line !== undefined);
			if (why.length > 0) rationales.push({key: `${name} · ${key}`, value: compactValue(why.join(' · ')), full: why.join('\n'), note: 'rationales'});
		} else if (typeof value === 'string' && (value.length > 40 || value.includes('\n'))) {
			lines.push(`${key}: ${value}`);
		} else {
			short.push(`${key} ${detailText(value)}`);
		}
	}

	if (short.length > 0) lines.push(short.join(' · '));
	return {text: lines.join('\n'), rationales};
}

/** The prompt's blocks: a Human/Assistant transcript (Nectar's "\n\nHuman: …\n\nAssistant:") as its turns. */
function promptBlocks(key: string, prompt: string): Block[] {
	const turns = transcriptMessages(prompt);
	return turns === undefined
		? [{label: key, text: prompt, tone: 'prompt'}]
		: turns.map(({role, content}) => ({label: role, text: turnText(content), tone: role}));
}

export const candidates = defineFormat({
	name: 'candidates',
	label: 'candidate answers',
	detect: sample => firstStringKey(sample, promptKeys) !== undefined && candidateList(sample) !== undefined,
	render(sample) {
		const promptKey = firstStringKey(sample, promptKeys)!;
		const {key, list} = candidateList(sample)!;
		const blocks = promptBlocks(promptKey, sample[promptKey] as string);
		const parallel = parallelLists(sample, list.length);
		const rationales: MetadataEntry[] = [];
		// CodeUltraFeedback: `annotations`, one {model, rating, rationale} per response beside the list.
		const annotationList = ownField(sample, 'annotations');
		const annotations = Array.isArray(annotationList) && annotationList.length === list.length && annotationList.every(item => ratingOf(item) !== undefined) ? annotationList as JsonObject[] : undefined;
		for (const [index, candidate] of list.entries()) {
			// UltraFeedback keeps `models` beside completions that name their model too: said once.
			const beside = parallel
				.filter(({name}) => name !== 'rationale' && !(isObject(candidate) && Object.hasOwn(candidate, name)))
				.map(({name, list: values}): [string, unknown] => [name, values[index]]);
			if (annotations !== undefined && !parallel.some(({name}) => name === 'rating')) beside.push(['rating', ratingOf(annotations[index])]);
			blocks.push({label: `${key.replace(/s$/, '')} ${index + 1}${details(candidate, beside)}`, text: turnText(contentText(candidateText(candidate))), tone: 'completion'});
			const rationale = parallel.find(({name}) => name === 'rationale')?.list[index] ?? annotations?.[index]['rationale'];
			if (typeof rationale === 'string' && rationale.trim() !== '') blocks.push({label: `${key.replace(/s$/, '')} ${index + 1} · rationale`, text: rationale, tone: 'field'});
			// Whatever else a candidate carries (annotations, critiques) stays readable under it.
			if (isObject(candidate)) {
				const textKey = firstStringKey(candidate, textKeys);
				const rest = Object.fromEntries(Object.entries(candidate).filter(([field]) => field !== textKey && !(detailKeys as readonly string[]).includes(field)));
				const system = stringOrUndefined(candidate['custom_system_prompt']);
				if (system) blocks.splice(-1, 0, {label: `${key.replace(/s$/, '')} ${index + 1} · system`, text: system, tone: 'system'});
				const details = detailsOf(rest, `${key.replace(/s$/, '')} ${index + 1}`);
				if (details.text !== '') blocks.push({label: `${key.replace(/s$/, '')} ${index + 1} · details`, text: details.text, tone: 'field'});
				rationales.push(...details.rationales);
			}
		}

		return {blocks, consumedKeys: [promptKey, key, ...parallel.map(({key: listKey}) => listKey), ...(annotations === undefined ? [] : ['annotations'])], nestedMetadata: rationales};
	},
});
