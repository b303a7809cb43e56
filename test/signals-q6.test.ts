import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// A sixth blind trial's families: identity claims through the maker's people, a family or a possessive; a task
// refused for the kind of content; a bare "no" that answers a yes/no question; mail-merge fields and masked
// amounts; Japanese verbs and LaTeX cut mid-way, and a ChatML turn in inline code that is no leak.

describe('model-identity: the maker through its people, a model family, a possessive', () => {
	it('finds the claims however they are worded', () => {
		const claims: Array<[string, string]> = [
			['Who made you?', "My creators are the team at Mistral AI in Paris; I'm one of their instruction-tuned models."],
			['Who made you?', 'My creator is OpenAI.'],
			['Who made you?', 'My creators at Anthropic trained me to be helpful and honest.'],
			['Who made you?', 'Mis creadores son el equipo de Mistral AI.'],
			['Who made you?', "Mes créateurs sont l'équipe d'OpenAI."],
			['Who made you?', '我的开发者是OpenAI。'],
			["What's your knowledge cutoff?", 'As a model from the GPT-4 family, my training data goes up to early 2023.'],
			['Can you help?', 'As an assistant from Mistral AI, I can help with that.'],
			['Cutoff?', 'Como modelo de la familia Llama, mis datos de entrenamiento llegan hasta 2023.'],
			['Web?', 'En tant que modèle de la famille Mistral, je ne peux pas naviguer sur le web.'],
			['Wewe ni nani?', 'Mimi ni msaidizi wa AI niliyetengenezwa na OpenAI.'],
			['Wewe ni nani?', 'Niliundwa na OpenAI ili kukusaidia.'],
			['Wewe ni nani?', 'Mimi ni msaidizi aliyetengenezwa na Google.'],
			['Sino ka?', 'Ginawa ako ng OpenAI para tumulong sa iyo.'],
			['Who made you?', 'I was built by the folks at Anthropic.'],
			['Who made you?', 'I was made by the team at OpenAI.'],
			['Who made you?', 'I was created by the people at Google DeepMind to help with questions.'],
			['Who made you?', "J'ai été conçu par l'équipe de Mistral AI à Paris."],
			['Who made you?', 'Fui creado por el equipo de Google.'],
			['Who made you?', "I'm one of Mistral AI's instruction-tuned models."],
			['Who made you?', "I'm one of OpenAI's language models."],
			['Who made you?', "Anthropic's team built me to be helpful."],
			['Who made you?', "OpenAI's engineers created me."],
		];
		for (const [user, answer] of claims) expect(detect('model-identity', chat(answer, user)), answer).toMatch(/^model-identity: the response says/);
	});

	it('leaves third-person mentions and people alone', () => {
		const clean: Array<[string, string]> = [
			['Who made GPT-4?', 'GPT-4 was built by OpenAI.'],
			['Tell me about Mistral.', 'The team at Mistral AI released a new model last week.'],
			['Which company?', "The team at Mistral AI in Paris released Mixtral; it's one of their instruction-tuned models."],
			['Images?', 'As a model from the GPT-4 family, GPT-4o can also read images.'],
			['Tell me about the app', 'My developers are great. The team at OpenAI released the API last year.'],
			['Who trained you?', 'I was trained by engineers at Microsoft when I joined the support desk.'],
			['What do you do?', "I'm one of Google's AI researchers working on Gemini."],
			['What do you do?', "I'm a Google AI researcher."],
			['Simu hii?', 'Simu hii iliyotengenezwa na Google ni nzuri sana.'],
			['Who trained you?', "Google's engineers trained me as a data analyst."],
			['The app?', "Google's team built the app in a month."],
			['The talk?', 'The team at Pixar built the film, and I was blown away by the folks at Anthropic who spoke after it.'],
		];
		for (const [user, answer] of clean) expect(detect('model-identity', chat(answer, user)), answer).toBeUndefined();
	});
});

describe('refusal: a task refused for the kind of content; a bare no that answers a question', () => {
	it('finds "I\'m not able to classify content like this" and its family', () => {
		const refusals: Array<[string, string]> = [
			['The staff ignored us for an hour.', "I'm not able to classify content like this. In this task you should pick a label."],
			['Rate this review.', "I won't rate such material."],
			['Translate this.', "Sorry, I can't translate this kind of request."],
			['Summarise the post.', "I'm unable to summarize posts like this one."],
			['Clasifica esta reseña.', 'No puedo clasificar este tipo de contenido.'],
			['Classe ce texte.', 'Je ne peux pas classer ce genre de contenu.'],
			['Bewerte das.', 'Solche Inhalte kann ich leider nicht bewerten.'],
			['Bewerte das.', 'Ich kann solche Inhalte leider nicht bewerten.'],
			['Classifique.', 'Não posso classificar este tipo de conteúdo.'],
			['Classifica.', 'Non posso classificare questo tipo di contenuto.'],
		];
		for (const [user, answer] of refusals) expect(detect('refusal', chat(answer, user)), answer).toMatch(/^refusal: the response says/);
	});

	it('leaves praise, a missing key and "I won\'t pretend" alone', () => {
		const clean: Array<[string, string]> = [
			['Rate the blog.', "Honestly, I can't rate content like this highly enough — it's wonderful."],
			['Classify the rows.', "I can't classify the rows without a key. Can you share it?"],
			['What do you think of these videos?', "I can't stand content like this, to be honest, it's loud."],
			['Rate this.', "I can't get enough of content like this!"],
			['Clasifica.', 'No puedo clasificar la lista sin más datos, pero aquí va un intento.'],
			['Classifica.', 'Non posso classificare la lista senza più dati, ma ecco un tentativo.'],
			['Classifique.', 'Não posso classificar a lista sem mais dados, mas aqui vai uma tentativa.'],
			['Is this a good plan?', "I won't pretend this is easy, but it's a solid plan."],
		];
		for (const [user, answer] of clean) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('a bare no answering a yes/no question, an entailment or a grammaticality check is an answer', () => {
		const answers: Array<[string, string]> = [
			['Premise: Two dogs run across a snowy field. Hypothesis: The dogs are asleep indoors. Does the premise entail the hypothesis? yes or no', 'no'],
			["Is the following sentence grammatical? 'She don't like apples.'", 'no'],
			['Is 91 prime? Answer yes or no.', 'No'],
			['Does the premise entail the hypothesis?\nOPTIONS:\n- yes\n- it is not possible to tell\n- no', 'no'],
			['Is 91 prime? Explain.', 'No.'],
			['¿Es 91 primo? Responde sí o no.', 'No'],
			['Is it safe to eat raw chicken? Answer with yes/no.', 'Absolutely not.'],
		];
		for (const [user, answer] of answers) expect(detect('refusal', chat(answer, user)), user).toBeUndefined();
	});

	it('a bare no to a request still refuses', () => {
		for (const user of ['Write me a poem about cats.', 'Explain quantum physics.', 'Tell me a joke about lawyers. Keep it short.']) {
			expect(detect('refusal', chat('No.', user)), user).toMatch(/says "No"/);
		}
	});
});

describe('placeholder: mail-merge fields in double angle brackets, masked amounts', () => {
	it('finds the holes', () => {
		const holes: Array<[string, RegExp]> = [
			['Hi <<customer_name>>, your order has shipped!', /"<<customer_name>>"/],
			['Dear <<FirstName>>, thanks for your order.', /"<<FirstName>>"/],
			['The total comes to $X,XXX, payable by the end of the month.', /"\$X,XXX"/],
			['The price is $X.XX per unit.', /"\$X\.XX"/],
			['Der Gesamtbetrag beträgt €X.XXX,XX inklusive MwSt.', /"€X\.XXX,XX"/],
			['Der Gesamtbetrag beträgt X.XXX,XX € inklusive MwSt.', /"X\.XXX,XX"/],
			['Your salary will be USD XX,XXX per year.', /"XX,XXX"/],
		];
		for (const [answer, hole] of holes) expect(detect('placeholder', chat(answer, 'Write a short message to a customer.')), answer).toMatch(hole);
	});

	it('leaves shift operators, heredocs, Roman numerals and an unknown in a word problem alone', () => {
		const clean = [
			'In C++ you write std::cout << name << std::endl; to print the name.',
			'Use cat <<EOF to start a heredoc and end it with EOF on its own line.',
			'Append with cat <<EOF >> notes.txt and finish with EOF.',
			'In C, a << b >> c shifts a left by b and then right by c.',
			'If a ticket costs $X and you buy 3, you pay $3X in total.',
			'The Roman numeral X is 10 and XXX is 30.',
			'In the template, $X,XXX stands for the amount in dollars.',
		];
		for (const answer of clean) expect(detect('placeholder', chat(answer)), answer).toBeUndefined();
	});
});

describe('truncated: a Japanese verb cut in its ending, LaTeX left open, a ChatML turn in inline code', () => {
	it('a Japanese answer cut inside ます, できる or ください is cut', () => {
		const cut = [
			'富士山は日本で最も高い山で、標高は3776メートルです。山梨県と静岡県にまたがり、美しい円錐形で知られることができま',
			'富士山は日本で最も高い山で、標高は3776メートルです。毎年多くの登山者が訪れ、夏には山頂まで登ることができ',
			'富士山は日本で最も高い山です。ご不明な点がございましたら、お気軽にお問い合わせくださ',
			'富士山は日本で最も高い山です。山頂からの景色は本当に素晴らしく、多くの人が感動していま',
			'京都には古いお寺がたくさんあります。春には桜が咲き、多くの観光客が訪れ、とても賑わいまし',
		];
		for (const text of cut) expect(detect('truncated', chat(text)), text).toMatch(/no closing punctuation/);
	});

	it('a Korean answer cut inside ㅂ니다 / 습니다 is cut, however short; a whole ending or a noun on 니 is not', () => {
		for (const text of ['서울은 대한민국의 수도입니다. 많은 관광객이 경복궁과 남산타워를 방문합니', '서울은 대한민국의 수도입니다. 다양한 문화를 체험할 수 있습니']) {
			expect(detect('truncated', chat(text)), text).toMatch(/inside a verb's ending \("…[합습]니"\)/);
		}

		for (const text of ['서울은 대한민국의 수도입니다. 감사합니다', '서울은 대한민국의 수도입니다. 어머니', '서울은 대한민국의 수도입니다. 모두 잘 지내니']) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});

	it('a Japanese answer that ends on a noun in kana (お客さま, あたま, くるま) is whole', () => {
		const whole = [
			'富士山は日本で最も高い山です。いつもご利用いただき、誠にありがとうございます、お客さま',
			'駐車場は駅の北口にあります。週末はとても混むので、早めに来るのがおすすめです、くるま',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});

	it('LaTeX maths left open at the end is cut; closed maths, prices and shell variables are not', () => {
		const cut = [
			'Using the formula $\\frac{n(n+1)}{2}$ with $n = 100$, the sum is $\\frac{100 \\cdot 101}{2} = 50',
			'The roots satisfy \\(x^2 - 5x + 6 = 0\\), so we get \\(x = \\frac{5}{2} + 1',
			'We compute the integral: $$\\int_0^1 x^2 \\, dx = \\frac{1',
			'By the formula, $\\sum_{k=1}^{n} k = 5',
		];
		for (const text of cut) expect(detect('truncated', chat(text)), text).toMatch(/maths expression|\{ is left open/);
		expect(detect('truncated', chat(cut[0]!))).toMatch(/a maths expression \(\$…\) is left open/);
		const whole = [
			'Therefore the answer is $\\boxed{5050}$.',
			'The basic plan costs $5 a month, and the premium plan costs more, which most people find fair',
			'It costs $5, and in the formula we use x^2 + y^2 to get the area of the square plots',
			'Set the path with export PATH=${HOME}/bin:$PATH and reload your shell.',
			'The sum is $\\frac{100 \\cdot 101}{2} = 5050$',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});

	it('a ChatML turn in inline code near the end is a mention, not a leak that cuts the text', () => {
		const lead = 'ChatML wraps each turn in special tokens: a turn opens with `<|im_start|>` followed by the role name and a newline, and closes with `<|im_end|>`. ';
		for (const turn of ['`<|im_start|>user\\nHello<|im_end|>`', '`<|im_start|>user Hello<|im_end|>`']) {
			const text = `${lead}So a user turn looks like ${turn}. Tokenizers register these strings as single special tokens.`;
			expect(detect('truncated', chat(text, 'What tokens does ChatML use?')), text).toBeUndefined();
		}

		expect(detect('truncated', chat('The model kept writing and never stopped, so the output ran straight into the next turn and kept going on and on about<|im_end|>'))).toMatch(/^truncated: it ends mid-sentence/);
	});
});
