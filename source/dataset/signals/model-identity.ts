import {alternation, quote, type SampleSignal} from './detector.js';

/**
 * A response that names a model or vendor as itself: "I am ChatGPT", "my name is Claude", "as an AI
 * developed by OpenAI", "I was trained by Google", "I'm an OpenAI language model". A model or vendor
 * named in the third person ("Android was developed by Google") is not a hit.
 */
export const modelIdentity: SampleSignal = {
	name: 'model-identity',
	make(config) {
		const names = alternation(config.modelIdentity.names.map(name => name.toLowerCase()));
		const vendors = alternation(config.modelIdentity.vendors.map(vendor => vendor.toLowerCase()));
		const patterns: RegExp[] = [];
		if (names !== '') {
			patterns.push(new RegExp(`\\b(?:i'm|my name is|call me|i was named|i'm called|you are talking to|you're talking to|you're chatting with)\\s+(?:an? )?(?:${names})(?![\\w-])`));
			patterns.push(new RegExp(`(?:^|[.!?]\\s+)as (?:${names}),`));
		}

		if (vendors !== '') {
			patterns.push(new RegExp(`\\b(?:i|i'm|i've|i was|my|me|as an? (?:ai|assistant|language model|model|chatbot|large language model))\\b[^.!?\\n]{0,60}?\\b(?:developed|created|trained|built|made|designed|programmed|owned|fine-tuned|released)\\s+by\\s+(?:${vendors})(?![\\w-])`));
			patterns.push(new RegExp(`\\bi'm (?:an? )?(?:${vendors})(?:'s)? (?:[a-z-]+ ){0,2}(?:model|ai|assistant|chatbot)\\b`));
		}

		if (patterns.length === 0) return () => undefined;
		// Cheap tests first: most responses name no model and say nothing is made "by" anyone.
		const mentions = new RegExp(`\\b(?:${[names, vendors].filter(Boolean).join('|')})(?![\\w-])`);
		return text => {
			for (const response of text.responses) {
				const normalised = text.phrases(response);
				if (!mentions.test(normalised)) continue;
				for (const pattern of patterns) {
					const match = pattern.exec(normalised);
					if (match) return `model-identity: the response says ${quote(match[0].replace(/^[.!?]\s+/, ''))}`;
				}
			}

			return undefined;
		};
	},
};
