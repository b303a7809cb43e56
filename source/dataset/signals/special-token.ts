import {alternation, quote, type SampleSignal} from './detector.js';

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
		// Every match starts with one of these characters (a token's first, or the "<" of <|name|>): a
		// block with none of them is not searched (most blocks).
		const starts = [...new Set(['<', ...config.specialToken.tokens.map(token => token[0])])];
		const mayMatch = (block: string) => starts.length > 8 || starts.some(start => block.includes(start));
		return text => {
			for (const block of text.blocks) {
				if (!mayMatch(block.text)) continue;
				// `<s>old price</s>` on one line is HTML strike-through, not a leaked sentence token.
				const match = anywhere.exec(block.text.includes('<s>') ? block.text.replaceAll(htmlStrike, '$1') : block.text);
				if (match) return `special-token: ${quote(match[0])} in ${block.label}`;
			}

			if (rolePrefix) {
				for (const response of text.responses) {
					const match = rolePrefix.exec(response);
					if (match) return `special-token: the role prefix ${quote(match[0].trim())} inside a response`;
				}
			}

			return undefined;
		};
	},
};
