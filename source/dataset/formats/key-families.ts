/*
What a field is by its name and its value, for samples in no known shape: prompt-like keys (prompt, instruction,
question, post, article, content, …), response-like keys (response, answer, output, generation, solution, summary,
label when it is text, …) and metadata-like keys (ids, urls, dates, model names, categories). A key is read by its
words, in any case and spelling (`generated_solution`, `longAnswer`, `RESPONSE`, `response_1`, `pos_resp`): an id or
url word at the end makes it metadata (`question_id`), else a response word anywhere makes it a response
(`target_text`), else a prompt word a prompt. Values decide too: only prose is content (isProse), so a short label
("yes", "Zhihu") under a response-like key stays metadata.
*/

export type KeyFamily = 'prompt' | 'context' | 'response' | 'metadata' | 'other';

const responseWords = new Set([
	'response', 'responses', 'resp', 'answer', 'answers', 'ans', 'output', 'outputs', 'completion', 'completions',
	'generation', 'generations', 'generated', 'solution', 'solutions', 'summary', 'summaries', 'label', 'target', 'targets',
	'reply', 'replies', 'highlights', 'tldr', 'prediction', 'predictions', 'rewrite', 'rewritten', 'translation', 'decision',
	'assistant', 'bot', 'gpt', 'chatbot', 'continuation', 'explanation',
]);
const promptWords = new Set([
	'prompt', 'prompts', 'instruction', 'instructions', 'question', 'questions', 'query', 'input', 'inputs', 'problem',
	'post', 'content', 'source', 'text', 'body', 'title', 'request', 'message', 'dialogue', 'dialog', 'task', 'selftext',
	'story', 'claim', 'human', 'user', 'utterance', 'ask', 'conversation', 'history', 'goal', 'topic',
]);
/** Prompt words whose text is what the question is about: shown with the prompt, labelled by key. */
const contextWords = new Set(['context', 'contexts', 'passage', 'passages', 'article', 'document', 'documents', 'support', 'background', 'paragraph', 'abstract', 'knowledge', 'evidence']);
const metadataWords = new Set([
	'id', 'ids', 'uuid', 'guid', 'url', 'urls', 'uri', 'link', 'links', 'href', 'date', 'time', 'timestamp', 'created', 'updated',
	'model', 'models', 'name', 'category', 'categories', 'type', 'types', 'kind', 'split', 'lang', 'language', 'locale', 'license',
	'tag', 'tags', 'domain', 'subreddit', 'author', 'worker', 'annotator', 'policy', 'batch', 'index', 'idx', 'hash', 'version',
	'score', 'scores', 'rating', 'ratings', 'count', 'length', 'len', 'tokens', 'num', 'meta', 'metadata', 'info', 'extra', 'dataset',
	'site', 'status', 'level', 'difficulty', 'seed', 'step', 'turn', 'turns', 'pubid', 'qid', 'aid',
]);

/** A key's words, lower case: `generated_solution` → generated, solution; `longAnswer` → long, answer; `response1` → response. */
export function keyWords(key: string): string[] {
	return key
		.replaceAll(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z\d]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
		.filter(word => word !== '' && !/^\d+$/.test(word));
}

/** Keys repeat from sample to sample: each is read once (a bounded cache, cleared when full). */
const families = new Map<string, KeyFamily>();

/** Which family a key belongs to by its name alone. */
export function keyFamily(key: string): KeyFamily {
	let family = families.get(key);
	if (family === undefined) {
		if (families.size >= 4096) families.clear();
		family = familyOfWords(key);
		families.set(key, family);
	}

	return family;
}

function familyOfWords(key: string): KeyFamily {
	const words = keyWords(key);
	const last = words.at(-1);
	if (last === undefined) return 'other';
	// created_at, updated_on: the word before says what it is.
	const head = ['at', 'on', 'utc'].includes(last) && words.length > 1 ? words.at(-2)! : last;
	if (metadataWords.has(head)) return 'metadata';
	if (words.some(word => responseWords.has(word))) return 'response';
	if (words.some(word => contextWords.has(word))) return 'context';
	if (words.some(word => promptWords.has(word))) return 'prompt';
	return 'other';
}

/** Letters of scripts written without spaces between words: Han, kana, Hangul is spaced so not here, Thai, Lao, Khmer, Myanmar, Tibetan. */
const unspacedLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/gu;
/** Sentence punctuation of those scripts: a short text holding one is a sentence, not a code. */
const unspacedPunctuation = /[。．，、；：？！「」『』（）]/u;

/**
 * Text a person reads: words with spaces, or more than one line, or, in scripts written without spaces
 * (Chinese, Japanese, Thai), enough letters or a sentence's punctuation. Short codes, ids, urls and JSON written
 * as a string are not prose.
 */
export function isProse(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const trimmed = value.trim();
	if (trimmed.length < 4) return false;
	if (/^[[{]/.test(trimmed) && looksLikeJson(trimmed)) return false;
	if (/^[a-z][a-z\d+.-]*:\/\/\S+$/i.test(trimmed)) return false;
	if (trimmed.length >= 12 && (trimmed.includes('\n') || /\S\s+\S/.test(trimmed))) return true;
	const unspaced = trimmed.match(unspacedLetter)?.length ?? 0;
	return unspaced >= 12 || (unspaced >= 4 && unspacedPunctuation.test(trimmed));
}

function looksLikeJson(text: string): boolean {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null;
	} catch {
		return false;
	}
}
