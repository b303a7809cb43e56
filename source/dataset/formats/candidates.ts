/*
Several candidate answers to one prompt: Nectar's {"prompt", "answers": [{"answer", "model", "rank"}]},
UltraFeedback's raw {"instruction", "completions": [{"model", "response", "overall_score", …}]}, or a plain
{"prompt", "responses": ["…", "…"]}. Each candidate is a block, labelled with its model, rank or score.
*/
import {compactJson, prettyJson} from './json-text.js';
import {contentText} from './messages.js';
import {defineFormat, type Block, type JsonObject} from './types.js';
import {firstStringKey, isObject, stringOrUndefined, turnText} from './values.js';

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

function details(candidate: unknown): string {
	if (!isObject(candidate)) return '';
	const parts = detailKeys.flatMap(key => {
		const value = candidate[key];
		if (key === 'custom_system_prompt' || value === undefined || value === null || value === '') return [];
		return [`${key} ${typeof value === 'string' ? value : compactJson(value)}`];
	});
	return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

export const candidates = defineFormat({
	name: 'candidates',
	label: 'candidate answers',
	detect: sample => firstStringKey(sample, promptKeys) !== undefined && candidateList(sample) !== undefined,
	render(sample) {
		const promptKey = firstStringKey(sample, promptKeys)!;
		const {key, list} = candidateList(sample)!;
		const blocks: Block[] = [{label: promptKey, text: sample[promptKey] as string, tone: 'prompt'}];
		for (const [index, candidate] of list.entries()) {
			blocks.push({label: `${key.replace(/s$/, '')} ${index + 1}${details(candidate)}`, text: turnText(contentText(candidateText(candidate))), tone: 'completion'});
			// Whatever else a candidate carries (annotations, critiques) stays readable under it.
			if (isObject(candidate)) {
				const textKey = firstStringKey(candidate, textKeys);
				const rest = Object.fromEntries(Object.entries(candidate).filter(([field]) => field !== textKey && !(detailKeys as readonly string[]).includes(field)));
				const system = stringOrUndefined(candidate['custom_system_prompt']);
				if (system) blocks.splice(-1, 0, {label: `${key.replace(/s$/, '')} ${index + 1} · system`, text: system, tone: 'system'});
				if (Object.keys(rest).length > 0) blocks.push({label: `${key.replace(/s$/, '')} ${index + 1} · details`, text: prettyJson(rest), tone: 'field'});
			}
		}

		return {blocks, consumedKeys: [promptKey, key]};
	},
});
