import {alternation, quote, type SampleSignal} from './detector.js';
import {proseOf} from './prose.js';

/*
Template holes left in a response: [Your Name], [Insert …], [Company Name], <PLACEHOLDER>, Lorem
ipsum, and the configured phrases. A bracket right after a word, ] or ) (code: users[name]) or
right before "(" (a Markdown link) is not a hole.
In the response's prose only (prose.ts: code blocks, inline code and code-like lines left out, where
`f"Hello {name}"`, `# TODO: refactor` and `{{ title }}` are ordinary): template variables ({{customer_first_name}},
{name}, <CITY>, <FIRST_NAME>), a fill-in blank (Signed, ________), a note left for the writer
(TODO: add the figures, FIXME, TBD) and masked values (XXX, XXX-XXX-XXXX).
*/
const bracketStart = String.raw`(?<![\w\])])`;
const notLink = String.raw`(?!\()`;
const holeWords = String.raw`name|date|address|email|e-mail|phone|phone number|company|title|city|state|country|location|number|amount|url|link|website|price|time|product|role|position|organization|organisation|school|university|recipient|topic`;
const patterns = [
	new RegExp(String.raw`${bracketStart}\[(?:your|insert|enter|add|fill in|recipient'?s?|client'?s?|customer'?s?|company'?s?)\b[^\]\n]{0,40}\]${notLink}`, 'i'),
	new RegExp(String.raw`${bracketStart}\[[^\]\n\[]{0,30}\b(?:${holeWords})\]${notLink}`, 'i'),
	new RegExp(String.raw`<(?:your|insert|enter)\s[^>\n]{1,40}>|<placeholder>|\bplaceholder text\b`, 'i'),
];

// Parts of a variable name that make it a hole ({first_name}, <CITY>, {customerEmail}), besides the hole words.
const holeParts = new Set([...holeWords.split('|'), 'zip', 'postcode', 'street', 'first', 'last', 'full', 'sender', 'signature', 'customer', 'client', 'recipient', 'manager', 'department', 'figure', 'figures', 'value', 'year', 'month', 'day']);

function isHoleName(name: string): boolean {
	return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/).some(part => holeParts.has(part));
}

const named: Array<{pattern: RegExp; name: (match: RegExpExecArray) => string | undefined}> = [
	// {{customer_first_name}}, {{ name }}, [[NAME]]: a template variable whatever its name
	{pattern: /\{\{\s*[A-Za-z_][\w .-]{0,40}?\s*\}\}|\[\[\s*[A-Za-z_][\w .-]{0,40}?\s*\]\]/g, name: match => match[0]},
	// {name}, {first_name}, {recipientName}: one brace, so only a hole-like name ({x} is maths)
	{pattern: /(?<![\w$%{])\{\s*([A-Za-z][\w .-]{0,40}?)\s*\}(?!\})/g, name: match => (isHoleName(match[1]) ? match[0] : undefined)},
	// <CITY>, <FIRST_NAME>, <COMPANY NAME>: upper case, as lower-case tags are HTML
	{pattern: /<([A-Z][A-Z _]{1,40})>/g, name: match => (isHoleName(match[1]) ? match[0] : undefined)},
];

const prosePatterns = [
	// Signed, ________ / Name: ____ (a blank after some text on the line; a line of underscores alone is a rule)
	/[^\s_][^\n_]{0,30}?_{4,}/,
	// TODO: …, FIXME …, TBD
	/(?<![\w/#-])(?:(?:TODO|FIXME)(?=\s*[:(\-–—]|\s*$)|TBD\b)[^\n]{0,40}/m,
	// XXX standing for a value: a sentence or line of its own, after a colon or currency sign, or a masked number
	/(?:^|[.!?。:：$€£#]\s*)X{3,}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])X{3,}(?=\s*$)|(?<![\p{L}\p{N}])X{2,}[-/.]X{2,}/mu,
];

// A response about templating or code may name a variable in braces in its prose ("Python fills {name} in").
const aboutTemplates = /\b(?:templat\w*|f-strings?|format strings?|string formatting|placeholders?|interpolat\w*|jinja|handlebars|mustache|liquid)\b|\.format\(|`/i;

function proseHole(prose: string, response: string): string | undefined {
	const braces = !aboutTemplates.test(response);
	for (const {pattern, name} of named) {
		if (!braces && pattern.source.includes('\\{')) continue;
		pattern.lastIndex = 0;
		for (let match = pattern.exec(prose); match; match = pattern.exec(prose)) {
			const hole = name(match);
			if (hole !== undefined) return hole;
		}
	}

	for (const pattern of prosePatterns) {
		const match = pattern.exec(prose);
		if (match) return match[0].trim();
	}

	return undefined;
}

const hint = /[{<[]|XX|TODO|TBD|FIXME|____/;

export const placeholder: SampleSignal = {
	name: 'placeholder',
	make(config) {
		const phrases = alternation(config.placeholder.phrases.map(phrase => phrase.toLowerCase()));
		const configured = phrases === '' ? undefined : new RegExp(phrases);
		return text => {
			for (const response of text.responses) {
				const lower = response.toLowerCase();
				// Each of the patterns holds a "[" or a "<", or is "placeholder text".
				if (response.includes('[') || response.includes('<') || lower.includes('placeholder text')) {
					for (const pattern of patterns) {
						const match = pattern.exec(response);
						if (match) return `placeholder: ${quote(match[0])} left in the response`;
					}
				}

				const match = configured?.exec(lower);
				if (match) return `placeholder: ${quote(match[0])} left in the response`;
				if (!hint.test(response)) continue;
				const hole = proseHole(proseOf(response), response);
				if (hole !== undefined) return `placeholder: ${quote(hole)} left in the response`;
			}

			return undefined;
		};
	},
};
