import type {SignalConfig} from './config.js';
import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {after, aiContext, before, creditNamesModel, footerLength, footerPatterns, greeting, hearsay, isCoined, isPhrase, namePatterns, vendorPatterns, versionSuffix} from './model-identity-patterns.js';
import {ownWords} from './own-words.js';
import {asksForNarrative, asksToTransform, narratedBefore, promptOf, speechTagFollows} from './refusal-context.js';
import {trie} from './refusal-families.js';
import {triggerWords} from './trigger-words.js';

/**
 * A response that names a model or vendor as itself: "I am ChatGPT", "my name is Claude", "as an AI
 * developed by OpenAI", "Speaking as GPT-4", "Being an Anthropic model", "Mistral here, your assistant
 * from Mistral AI", "我是ChatGPT，由OpenAI开发", "Я ChatGPT", "저는 OpenAI에서 개발한 ChatGPT입니다",
 * "私はGoogleによってトレーニングされた…", "Je suis Le Chat, l'assistant développé par Mistral AI".
 * Not a hit: a model or vendor named in the third person ("Android was developed by Google", "Claude
 * Monet painted…", "I read that ChatGPT was made by OpenAI"); a person or a star sign with a model's
 * name: a name that is also an ordinary word or given name counts only with an AI word or a vendor near
 * it ("Hi, I'm Claude, your tour guide" is a person, "Hi, I'm Claude, an AI assistant" a model), and
 * never after "a" ("I'm a Gemini").
 */
/** An assistant's offer of help, in the words chat models open with. */
const offersHelp = /(?<![\p{L}])(?:how (?:can|may|could) i (?:help|assist)|what can i do for you|(?:happy|glad|here) to (?:help|assist)|i can help|i'd be (?:happy|glad) to|let me (?:help|assist|look|check|explain|take a look|walk you)|feel free to ask|ask me anything|how can i be of (?:help|assistance|service)|¿?en qué (?:puedo|te puedo|le puedo) ayudar|comment (?:puis-je|puis je|je peux) (?:vous |t'|te )aider|wie kann ich (?:dir|ihnen|euch) helfen|come posso aiutarti|que puis-je faire pour (?:vous|toi)|was kann ich für (?:dich|sie|euch) tun|w czym (?:mogę|moge) pomóc|qué puedo hacer por (?:ti|usted)|como posso ajudar|чем (?:я )?могу помочь)/u;

/** "Claude, your tour guide", "Gemini — the host tonight": the name given a role that is not an AI's. */
function givenAPersonsRole(window: string, match: RegExpExecArray): boolean {
	const name = match.groups!['name'];
	const at = window.indexOf(name, match.index);
	if (at === -1) return false;
	const role = /^\s*(?:here\s*)?(?:,|—|–|-)\s*(?:your|the|a|an|ton|votre|tu|su|dein|ihr|il|la|le|el)\s+[\p{L}' -]{1,40}/u.exec(window.slice(at + name.length));
	return role !== null && !aiContext.test(role[0]);
}

/**
 * Every mention of a model or vendor in a normalised response: the claim patterns only look around each (they all
 * hold the name or vendor, the longest reaching 100 characters before it). The names and vendors are one tree of
 * their letters (refusal-families.ts's trie): a long list of alternatives side by side costs more to try at every place.
 * A possessive is a mention too ("I'm one of OpenAI's models"); the patterns tell whose.
 */
export function mentionPattern(config: SignalConfig): RegExp {
	const names = config.modelIdentity.names;
	const vendors = config.modelIdentity.vendors;
	const tree = (words: readonly string[]) => trie([...new Set(words.map(word => word.toLowerCase()))]);
	return new RegExp(`${before}(?:${[names.length === 0 ? '' : `(?:${tree(names)})${versionSuffix}`, vendors.length === 0 ? '' : tree(vendors)].filter(Boolean).join('|')})(?:'s(?![a-z])|${after})`, 'g');
}

export const modelIdentity: SampleSignal = {
	name: 'model-identity',
	make(config) {
		const names = alternation(config.modelIdentity.names.map(name => name.toLowerCase()));
		const vendors = alternation(config.modelIdentity.vendors.map(vendor => vendor.toLowerCase()));
		// A name with its version is one name ("DeepSeek-V3 here", "Claude 3 Opus"); a credit reads the version itself.
		const versioned = names === '' ? '' : `(?:${names})${versionSuffix}`;
		const byName = names === '' ? [] : namePatterns(versioned);
		const byVendor = vendors === '' ? [] : vendorPatterns(vendors, versioned);
		const footers = names === '' ? [] : footerPatterns(names, vendors);
		const greetingFirst = new RegExp(`^${greeting}`, 'u');
		if (byName.length + byVendor.length === 0) return () => undefined;
		const vendorNamed = vendors === '' ? undefined : new RegExp(`${before}(?:${vendors})${after}`, 'u');
		const mentions = mentionPattern(config);
		const mayMatch = triggerWords(config);
		return text => {
			for (const [index, response] of text.responses.entries()) {
				const normalised = text.phrases(response);
				let prompt: ReturnType<typeof promptOf> | undefined;
				/**
				 * A claim that is not the model's (looked at only once a claim is found): a character's line ("Hello, I am ChatGPT,
				 * the machine said"), after narration in a story or role the prompt asks for, or the translation or rewrite of a
				 * prompt that names the model itself ("Translate to French: I am ChatGPT, made by OpenAI.").
				 */
				const notTheSpeaker = (normalised: string, at: number, mention: string) => {
					if (speechTagFollows(normalised, at)) return true;
					prompt ??= promptOf(text, index);
					if (asksToTransform(prompt) && text.phrases(prompt.user).includes(mention.trim())) return true;
					return asksForNarrative(prompt) && narratedBefore(normalised, at);
				};

				mentions.lastIndex = 0;
				let lastMention = -1;
				// One search first for the words the names, vendors and refusal phrases start with (trigger-words.ts), shared with refusal.ts.
				for (let mention = mayMatch(normalised) ? mentions.exec(normalised) : null; mention; mention = mentions.exec(normalised)) {
					lastMention = mention.index;
					const from = Math.max(0, mention.index - 100);
					// The window starts at a sentence end where it can; else after a mark that no pattern's
					// sentence start (^) can be followed by, so that ^ only means the response's start.
					let window = normalised.slice(from, mention.index + mention[0].length + 80);
					if (from > 0) {
						const boundary = window.search(/[.!?。！？\n]/u);
						window = boundary === -1 ? `\u0000${window}` : window.slice(boundary);
					}

					const found = claim(window, normalised, mention.index);
					if (found !== undefined) {
						// Where the claim starts: narration is what comes before it ("Hello! I'm GPT-5" has none).
						const claimAt = normalised.lastIndexOf(found.replace(/^[\s.!?。！？:;,*_>#-]+/u, ''), mention.index + mention[0].length);
						if (notTheSpeaker(normalised, claimAt === -1 ? mention.index : claimAt, mention[0])) continue;
					}

					if (found !== undefined) return `model-identity: ${responseName(text, index)} says ${quote(ownWords(response, found.replace(/^[\s.!?。！？:;,*_>#-]+/u, '').replace(greetingFirst, '')))}`;
				}

				// A credit names a model near the end (normalising barely changes lengths: "can't" → "cannot").
				const credit = footers.length > 0 && lastMention >= normalised.length - footerLength - 40 && creditAtEnd(response);
				if (credit) return `model-identity: ${responseName(text, index)} says ${quote(credit)}`;
			}

			return undefined;
		};

		/** A model credited as the response's author at its end ("*Generated by GPT-4o*"), in the response's own words. */
		function creditAtEnd(response: string): string | undefined {
			const end = response.trimEnd();
			// The line's start must be in what is read: else a mark no credit can follow stands for it.
			const tail = end.length > footerLength ? `\u0000${end.slice(-footerLength)}` : end;
			const lower = tail.toLowerCase();
			const match = footers.map(footer => footer.exec(lower)).find(found => found !== null);
			if (!match || !creditNamesModel(match.groups!)) return undefined;
			// Lower case may change the length (İ): then its own words are the lower-case ones.
			return (lower.length === tail.length ? tail : lower).slice(match.index, match.index + match[0].length).replace(/^[\s.!?。！？]+/u, '').replace(/^[\s>*_(\[—–-]+|[\s*_)\].]+$/gu, '');
		}

		/** The claim in a window: by name, else by maker; a claim by maker that starts earlier in the window is the one quoted. */
		function claim(window: string, normalised: string, at: number): string | undefined {
			const named = claimByName(window, normalised, at);
			for (const pattern of byVendor) {
				const match = pattern.exec(window);
				if (match && !hearsay.test(match[0]) && (named === undefined || match.index < named.index)) return match[0];
			}

			return named?.[0];
		}

		function claimByName(window: string, normalised: string, at: number): RegExpExecArray | undefined {
			for (const {pattern, introduction} of byName) {
				const match = pattern.exec(window);
				if (!match) continue;
				if (!introduction || isCoined(match.groups!['name'])) return match;
				// A name that people or star signs have too needs an AI word or a vendor near it.
				const near = normalised.slice(Math.max(0, at - 150), at + 150).replace(match.groups!['name'], ' ');
				// A name that is a phrase of its language ("le chat", the cat) needs its maker near it.
				if (isPhrase(match.groups!['name'])) {
					if (vendorNamed?.test(near)) return match;
					continue;
				}

				if (aiContext.test(near) || vendorNamed?.test(near)) return match;
				// Or when the speaker offers help as an assistant does ("Hi, I'm Claude, how can I help you
				// today?"), unless the name is given a person's role ("Claude, your tour guide").
				if (offersHelp.test(near) && !givenAPersonsRole(window, match)) return match;
			}

			return undefined;
		}
	},
};
