import {alternation, quote, responseName, type SampleSignal} from './detector.js';

/**
 * Leaked template or control tokens: the token list anywhere in the content, any `<|name|>` token,
 * and role prefixes ("Human:", "Assistant:", "### Response:") at the start of a line of a response.
 */
const htmlStrike = /<s>([^<>\n]{1,200})<\/s>/g;

export const specialToken: SampleSignal = {
	name: 'special-token',
	make(config) {
		const tokens = alternation(config.specialToken.tokens);
		const anywhere = new RegExp(`${tokens === '' ? '' : `${tokens}|`}<\\|[A-Za-z_][\\w.-]{0,30}\\|>`);
		const prefixes = alternation(config.specialToken.rolePrefixes);
		const rolePrefix = prefixes === '' ? undefined : new RegExp(`(?:^|\\n)[ \\t]*(?:${prefixes})`);
		return text => {
			for (const block of text.blocks) {
				// `<s>old price</s>` on one line is HTML strike-through, not a leaked sentence token.
				const match = anywhere.exec(block.text.includes('<s>') ? block.text.replaceAll(htmlStrike, '$1') : block.text);
				if (match) return `special-token: ${quote(match[0])} in ${block.label}`;
			}

			if (rolePrefix) {
				for (const [index, response] of text.responses.entries()) {
					const match = rolePrefix.exec(response);
					if (match) return `special-token: the role prefix ${quote(match[0].trim())} inside ${responseName(text, index).replace('the response', 'a response')}`;
				}
			}

			return undefined;
		};
	},
};
