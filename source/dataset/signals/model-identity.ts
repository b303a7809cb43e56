import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {ownWords} from './own-words.js';

// Names are matched with ASCII word edges only, so "我是ChatGPT" and "Я — GigaChat" are found while
// "ChatGPTs" or "gpt-4-turbo-ish" are not split.
const before = '(?<![a-z0-9_])';
const after = "(?![a-z0-9_'-])";
// A sentence start, in any script.
const sentence = String.raw`(?:^|[.!?。！？]\s*|\n)`;
// First person "I am" / "this is" in the languages winnow knows: "soy ChatGPT", "je suis Claude", "ich bin Gemini", "我是通义千问", "я — GigaChat".
const iAm = String.raw`(?:i'm|this is|soy|je suis|ich bin|sou|sono|я|我是|我叫|私は)\s*(?:[—–-]\s*)?(?:an? |the |el |la |le |o |a |der |die |das |un |una |une |ein |eine )?`;
const modelNoun = String.raw`(?:model|ai|assistant|chatbot|language model|модель|ассистент|помощник)`;

/**
 * A response that names a model or vendor as itself: "I am ChatGPT", "my name is Claude", "as an AI
 * developed by OpenAI", "Speaking as GPT-4", "Being an Anthropic model", "Mistral here, your assistant
 * from Mistral AI", "我是ChatGPT，由OpenAI开发", "Я ChatGPT, языковая модель от OpenAI". A model or vendor
 * named in the third person ("Android was developed by Google", "Claude Monet painted…") is not a hit.
 */
export const modelIdentity: SampleSignal = {
	name: 'model-identity',
	make(config) {
		const names = alternation(config.modelIdentity.names.map(name => name.toLowerCase()));
		const vendors = alternation(config.modelIdentity.vendors.map(vendor => vendor.toLowerCase()));
		const name = `${before}(?:${names})${after}`;
		const vendor = `${before}(?:${vendors})${after}`;
		const patterns: RegExp[] = [];
		if (names !== '') {
			patterns.push(
				new RegExp(`(?:${before}(?:my name is|call me|i was named|i'm called|you are talking to|you're talking to|you're chatting with)\\s+(?:an? )?|${sentence}(?:(?:hi|hello|hey)[!,.]?\\s*)?${iAm})(?:${names})${after}`, 'u'),
				new RegExp(`${sentence}(?:as|being|speaking as|writing as|answering as|responding as|here's|here is) (?:${names})${after}(?=\\s*[,:;]|\\s+i\\b)`, 'u'),
				// "Mistral here, …", "Claude here!"
				new RegExp(`${sentence}(?:hi|hello|hey)?[!,.]?\\s*(?:${names})${after} here(?=\\s*[,!.:;—-]|$)`, 'u'),
			);
		}

		if (vendors !== '') {
			patterns.push(
				new RegExp(`${before}(?:i|i'm|i've|i was|my|me|as an? (?:ai|assistant|language model|model|chatbot|large language model))${after}[^.!?\\n]{0,60}?\\b(?:developed|created|trained|built|made|designed|programmed|owned|fine-tuned|released)\\s+by\\s+${vendor}`, 'u'),
				new RegExp(`(?:${before}i'm|${sentence}(?:as|being)) (?:an? )?${vendor}(?:'s)? (?:[a-z-]+ ){0,2}${modelNoun}\\b`, 'u'),
				// "your assistant from Mistral AI", "an assistant by OpenAI", "языковая модель от OpenAI" said of itself
				new RegExp(`(?:${before}your|${before}i'm|${sentence}я)\\s*(?:[\\p{L}-]+ ){0,2}${modelNoun}\\s+(?:from|by|от|компании)\\s+${vendor}`, 'u'),
				// "我是…，由OpenAI开发"
				new RegExp(`我(?:是|叫)[^。！？.!?]{0,30}由\\s*(?:${vendors})\\s*(?:公司)?(?:开发|训练|创建|打造|推出|研发)`, 'u'),
			);
		}

		if (patterns.length === 0) return () => undefined;
		// Cheap test first: most responses name no model or vendor. Then the patterns only look around each
		// mention (they all hold the name or vendor, the longest reaching 100 characters before it).
		const mentions = new RegExp(`${before}(?:${[names, vendors].filter(Boolean).join('|')})${after}`, 'g');
		return text => {
			for (const [index, response] of text.responses.entries()) {
				const normalised = text.phrases(response);
				mentions.lastIndex = 0;
				for (let mention = mentions.exec(normalised); mention; mention = mentions.exec(normalised)) {
					const from = Math.max(0, mention.index - 100);
					// The window starts at a sentence end where it can; else after a mark that no pattern's
					// sentence start (^) can be followed by, so that ^ only means the response's start.
					let window = normalised.slice(from, mention.index + mention[0].length + 80);
					if (from > 0) {
						const boundary = window.search(/[.!?。！？\n]/u);
						window = boundary === -1 ? `\u0000${window}` : window.slice(boundary);
					}

					for (const pattern of patterns) {
						const match = pattern.exec(window);
						if (match) return `model-identity: ${responseName(text, index)} says ${quote(ownWords(response, match[0].replace(/^[\s.!?。！？,]+/u, '').replace(/^(?:hi|hello|hey)[!,.]?\s*/, '')))}`;
					}
				}
			}

			return undefined;
		};
	},
};
