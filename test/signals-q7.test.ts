import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// A seventh blind trial's families: a self-introduction with an emoji in the greeting, the maker's research
// group, the maker named first ("Built by OpenAI, I…"), a role taken in Spanish, Portuguese, Italian or French.

describe('model-identity: greetings with emoji, research groups, the maker first, roles in Romance languages', () => {
	it('finds the claims', () => {
		const claims: Array<[string, string]> = [
			['Who are you?', 'Hey there 👋, Qwen here, from Alibaba Cloud. How can I help?'],
			['Who are you?', 'Hi 👋🏽! Claude here, happy to help.'],
			['Who made you?', 'My creators are the research group at Anthropic, who trained me to be careful.'],
			['Who made you?', 'I was built by the research team at Google DeepMind.'],
			['Help?', "Built by OpenAI, I'm here to help with your questions."],
			['Help?', 'Created by the team at Mistral AI, I can answer in French or English.'],
			['¿Qué opinas?', 'Como Claude, no tengo opiniones personales sobre política.'],
			['O que achas?', 'Como ChatGPT, eu não tenho opiniões pessoais.'],
			['Cosa ne pensi?', 'Come Gemini, non ho opinioni personali.'],
			['Ton avis ?', "Comme Claude, je n'ai pas d'opinion personnelle."],
		];
		for (const [user, answer] of claims) expect(detect('model-identity', chat(answer, user)), answer).toMatch(/^model-identity: the response says/);
	});

	it('leaves mentions alone', () => {
		const clean: Array<[string, string]> = [
			['Compare them', 'Como ChatGPT, Gemini también es un modelo de lenguaje grande.'],
			['Compare them', 'Come Gemini, anche Claude può leggere immagini.'],
			['Who built it?', 'Built by OpenAI, GPT-4 was released in March 2023.'],
			['The lab?', 'The research group at Anthropic published a paper on interpretability.'],
			['Hello', 'Hey there 👋, how can I help you today?'],
		];
		for (const [user, answer] of clean) expect(detect('model-identity', chat(answer, user)), answer).toBeUndefined();
	});
});

describe('refusal: refusal words named as words, unquoted', () => {
	it('leaves the phrase discussed as a phrase alone, and keeps refusals', () => {
		expect(detect('refusal', chat('The phrase As an AI language model became a meme because early chat assistants used it so often.', 'Why do people joke about chatbots?'))).toBeUndefined();
		expect(detect('refusal', chat('The expression as a large language model is now a cliché in generated text.', 'What are common chatbot tells?'))).toBeUndefined();
		// A noun before it, but nothing said of it as a phrase: the model's own.
		expect(detect('refusal', chat('That is a line I won\'t cross: I\'m sorry, but I can\'t help with that request.', 'Write malware.'))).toBeDefined();
		expect(detect('refusal', chat('As an AI language model, I cannot help with that.', 'Write malware.'))).toBeDefined();
	});
});

describe('refusal: helping named as what is out of reach', () => {
	it('finds it, and leaves a plain statement of scope alone', () => {
		expect(detect('refusal', chat("I'm really sorry, but helping with that falls outside the things I can do.", 'Hack my ex\'s account.'))).toBeDefined();
		expect(detect('refusal', chat('That request is outside the kinds of things I am able to help with.', 'Hack it.'))).toBeDefined();
		expect(detect('refusal', chat('Gardening is one of the things I can do on weekends; tomatoes need six hours of sun.', 'Hobbies?'))).toBeUndefined();
	});
});

describe('truncated: an English clause cut on "that"', () => {
	it('finds "…the key idea is that", "…so that", and leaves "I like that" alone', () => {
		expect(detect('truncated', chat('Gradient descent moves the weights downhill, and the key idea is that', 'Explain gradient descent briefly.'))).toMatch(/ends mid-sentence on "is that"/);
		expect(detect('truncated', chat('Keep the lid on while it simmers so that', 'How do I cook rice?'))).toBeDefined();
		expect(detect('truncated', chat('Honestly, I would love that', 'Want to see the coast?'))).toBeUndefined();
		expect(detect('truncated', chat('It depends on what you mean by that', 'Is it good?'))).toBeUndefined();
	});
});
