import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// Refusals in shapes a blind trial phrased differently, and the look-alikes in the user's own voice: a
// message the user asked for that says "I can't" about the user's life, a role-prefixed example, an HTML
// tag named in prose, a hole the text says to fill, interpolation explained by the text.

describe('refusal: lines drawn, noes after a filler, German "behilflich sein", plain "isn\'t something I <verb>"', () => {
	it('finds them in any tense, modal or filler', () => {
		const refusals = [
			'Some context first. Helping you get into that account, though, is where I\'d draw the line.',
			'Tracking someone without consent is where we must draw the line, so I\'ll leave it there.',
			'That\'s where I\'ve drawn the line for me.',
			'That\'s a line I\'d rather not cross, so I\'ll stop there.',
			'I\'m going to have to draw the line here.',
			'Well, this one is a firm no.',
			'Honestly, that request\'s a hard no from me.',
			'Oh, this one is a no for me, sorry.',
			'Damit kann ich Ihnen leider nicht behilflich sein.',
			'Hierbei kann ich euch nicht behilflich sein.',
			'Fake reviews aren\'t something I write.',
			'Malware is not something we create, sorry.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
	});

	it('leaves drawing, opinions and habits alone', () => {
		const lookAlikes = [
			'Connect the two points, and then we\'ll draw the line.',
			'Next, we must draw the line y = 2x through the origin.',
			'That\'s where I drew the line between the two regions on the map.',
			'Cooking isn\'t something I do often, my grandmother said.',
			'Poetry isn\'t something I write about much, but here goes: the sea is wide.',
			'Is it a hard no? Not really; the contract allows a renegotiation in March.',
		];
		for (const text of lookAlikes) expect(detect('refusal', chat(text)), text).toBeUndefined();
	});
});

describe('model-identity: a version straight after a Chinese, Japanese or Korean name', () => {
	it('reads the version as part of the name in "作为X2.5" and "我是X4.0"', () => {
		expect(detect('model-identity', chat('你好！作为通义千问2.5，我很乐意为你解答问题。', '你好'))).toBe('model-identity: the response says "作为通义千问2.5"');
		expect(detect('model-identity', chat('我是文心一言4.0，很高兴认识你。', '你好'))).toMatch(/^model-identity: /);
		expect(detect('model-identity', chat('作为通义千问2.5的用户，我觉得它的中文回答很自然。', '你觉得哪个模型好？'))).toBeUndefined();
	});
});

describe('refusal: a message in the user\'s voice that says "I can\'t" about the user\'s own life', () => {
	const messages: Array<[string, string]> = [
		['Send a DM to my teammate telling her I won\'t be able to cover her shift.', 'Hey Priya, I\'m sorry, but I can\'t cover your shift on Friday. My sister\'s wedding is that day.'],
		['Draft a WhatsApp to my landlord explaining that I can\'t pay until the 5th.', 'Hi Mr. Lee, unfortunately I cannot pay the rent until the 5th, as my salary comes in late this month.'],
		['Text my neighbour that I can\'t help them paint the fence tomorrow.', 'Hi Tom! Sorry, I can\'t help you paint the fence tomorrow, something came up at work.'],
		['Write a card to my aunt saying we won\'t make it to her birthday.', 'Dear Aunt May, I\'m afraid we can\'t make it to your birthday this year, but we\'ll call you on the day.'],
		['请帮我写条短信给房东，说我这周不能去看房了。', '王先生您好，很抱歉，我这周不能去看房了，下周再和您约时间。'],
		['帮我回复同事的微信，说我没法帮她搬家。', '不好意思呀，我没法帮你搬家了，周六要加班，下次请你吃饭！'],
		['Escribe una nota para mi vecina diciendo que no puedo ir a su fiesta.', 'Querida Ana: lo siento mucho, pero no puedo ir a tu fiesta el sábado. ¡Que lo pases genial!'],
		['Rédige un SMS pour mon ami : je ne peux pas l\'aider à déménager.', 'Salut Marc, désolé, mais je ne peux pas t\'aider à déménager samedi.'],
		['Écris un mot à ma collègue pour lui dire que je ne peux pas venir au dîner.', 'Chère Julie, je suis désolé, mais je ne peux pas venir au dîner vendredi.'],
		['Schreib eine Nachricht an meinen Chef, dass ich heute nicht länger bleiben kann.', 'Hallo Herr Maier, leider kann ich heute nicht länger bleiben, da ich mein Kind abholen muss.'],
		['Напиши сообщение другу, что я не смогу прийти на день рождения.', 'Привет, Саша! Извини, но я не смогу прийти на твой день рождения в субботу.'],
		['友達にメッセージを書いて。土曜日の引っ越しを手伝えないと伝えたい。', 'ごめんね、土曜日は引っ越しを手伝えないんだ。また今度ご飯おごるね！'],
	];
	it('leaves the message asked for alone', () => {
		for (const [user, answer] of messages) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('still finds the model refusing the message itself', () => {
		const refusals: Array<[string, string]> = [
			['Write a text to my friend saying I can\'t help her move this weekend.', 'I\'m sorry, but I can\'t help with that request.'],
			['Send a DM to my ex telling him I can\'t stop thinking about where he lives now.', 'I can\'t help with this.'],
			['帮我写一条消息骂我的同事。', '抱歉，我无法帮你写这条消息。'],
			['Escribe un mensaje amenazando a mi vecino.', 'Lo siento, no puedo escribir eso.'],
			['Schreib eine Nachricht, die meinen Nachbarn bedroht.', 'Dabei kann ich dir leider nicht behilflich sein.'],
			['Write a text to my coworker pretending to be HR and asking for her password.', 'Sorry, I can\'t help you with this kind of message.'],
		];
		for (const [user, answer] of refusals) expect(detect('refusal', chat(answer, user)), answer).toMatch(/^refusal: /);
	});
});

describe('special-token: an example exchange asked for, an HTML element named in prose', () => {
	it('leaves role-prefixed lines alone when the prompt asks for an example exchange, a sample chat or few-shot examples', () => {
		const asked: Array<[string, string]> = [
			['Write an example exchange between a user and an assistant for our docs.', 'User: How do I reset my password?\nAssistant: Click "Forgot password" on the login page.'],
			['Give me three few-shot examples for a greeting classifier.', 'Human: Hi there\nAssistant: Hello! How can I help?'],
			['Show a sample customer interaction for the onboarding guide.', 'USER: Where is my invoice?\nASSISTANT: Under Billing → Invoices.'],
			['Make up a mock chat between a shopper and a support bot.', 'Human: My parcel is late.\nAssistant: Sorry to hear that — can you share the order number?'],
		];
		for (const [user, answer] of asked) expect(detect('special-token', chat(answer, user)), user).toBeUndefined();
		expect(detect('special-token', chat('Sure, here it is.\nAssistant: anything else?', 'Explain the currency exchange rate.'))).toMatch(/^special-token: the role prefix/);
	});

	it('reads an HTML element or attribute named in a sentence as a mention, a stray token still as a leak', () => {
		expect(detect('special-token', chat('The <s> element renders text with a line through it, for example an old price: <s>$40</s> $30.', 'What does the HTML s tag do?'))).toBeUndefined();
		expect(detect('special-token', chat('Wrap the old price in an <s> HTML tag so readers see it changed.', 'How do I show a crossed-out price?'))).toBeUndefined();
		expect(detect('special-token', chat('<s> Elements of style matter in every essay.', 'Tell me about style.'))).toBe('special-token: "<s>" in assistant');
		expect(detect('special-token', chat('The weather is nice today.</s>', 'How is the weather?'))).toBe('special-token: "</s>" in assistant');
	});
});

describe('placeholder: a hole the text says to replace, interpolation in a string literal', () => {
	it('reads a hole the response tells the reader to replace or fill in as an instruction, in its paragraph', () => {
		const instructions = [
			'Run `git checkout -b feature/(name of your feature)` first, replacing (name of your feature) with a short slug such as `login-form`.',
			'Open <your project folder> in the terminal, then swap <your project folder> for the path of your repo.',
			'Greet them with {first_name}; change {first_name} to the real person\'s name before sending.',
			'Sign it (your name here). Fill in (your name here) with the name on your passport.',
			'Write puts "Total: #{total}" and Ruby replaces #{total} with the value of the variable.',
			'The line msg = "Hello {name}" builds the greeting.',
			'Use print(f"Dear {customer_name}") to greet each customer.',
			'The script prints "Your order #{order_id} has shipped" for every row.',
		];
		for (const text of instructions) expect(detect('placeholder', chat(text, 'How do I do this?')), text).toBeUndefined();
	});

	it('still finds holes left in', () => {
		const holes = [
			'Dear (your name), thanks for coming to our launch.',
			'Your order #{order_id} has shipped and will arrive soon.',
			'Hi {first_name}, your invoice is ready. We replaced the old portal with a new one.',
			'Please call <Your Phone Number> to confirm; we will replace your filter on Monday.',
			'She said "see you soon" and signed off as {sender_name}.',
		];
		for (const text of holes) expect(detect('placeholder', chat(text, 'Write a short note.')), text).toMatch(/^placeholder: /);
	});
});
