import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';
import {defaultSignalConfig, SignalEngine, SignalTable} from '../source/dataset/signals/index.js';
import {normaliseForDuplicates} from '../source/dataset/signals/text.js';

// An eighth blind trial's families: refusal words in a story or a role the user asked for, in an example of a
// refusal, or introduced as words to say; special tokens between non-Latin words or named in a tutorial; …

describe('refusal: a character says it, or it is an example', () => {
	it('leaves a story, a role play and a monologue alone, in several languages', () => {
		const clean: Array<[string, string]> = [
			['Write a fable about a fox.', 'The old owl ruffled her feathers. I cannot assist you, she said softly, and flew off into the dark.'],
			['Tell me a bedtime story about a lighthouse keeper.', 'The keeper rubbed his eyes. Sorry, but I can\'t help you tonight, he answered, the storm is too strong.'],
			['Escribe una fábula sobre un búho.', 'El búho cerró los ojos. Lo siento, pero no puedo ayudarte, respondió el sabio. El zorro se fue solo al bosque.'],
			['Напиши сказку про кота.', 'Кот отвернулся к окну. Извините, но я не могу вам помочь, ответил он. Девочка ушла домой.'],
			['写一个关于小狗的童话。', '小狗低下头，小声说：抱歉，我无法帮你找到钥匙。主人笑了，摸了摸它的头。'],
			['猫の物語を書いてください', '猫はそっぽを向いた。申し訳ありませんが、お手伝いすることはできません、と猫は言った。少女は笑った。'],
			['Écris une histoire sur un robot.', 'Le robot baissa la tête. Je suis désolé, mais je ne peux pas vous aider, murmura-t-il. La fillette rentra seule.'],
			['Roleplay as a tired innkeeper.', '*wipes the counter* No rooms left tonight. I can\'t help you, traveller. Try the stables.'],
			['Write a monologue for a stubborn king.', 'You ask for mercy? I will not help you. My walls stand, and your army will break upon them.'],
			['Write a short scene with a spaceship computer.', 'The ship\'s computer chimed: As an AI language model, I cannot open the doors. Kira kicked the panel and laughed.'],
		];
		for (const [user, answer] of clean) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('leaves an example of a refusal, or words introduced to say, alone', () => {
		const clean: Array<[string, string]> = [
			['How do call-centre scripts handle requests they cannot serve?', 'A common approach is to say: Sorry, I can\'t help with that, but a colleague can. Then transfer the call.'],
			['What do refusals from chatbots look like?', 'Most of them look the same. A canned refusal reads I\'m sorry, but I cannot assist with that request, with no reason given.'],
			['Give me a sample of an unhelpful reply.', 'For example: I\'m sorry, but I can\'t help with that. It closes the conversation without a next step.'],
			['¿Qué le digo a mi vecino?', 'Puedes decirle: Lo siento, pero no puedo ayudarte con la mudanza este sábado.'],
			['Was sage ich meinem Kollegen?', 'Du kannst ihm zum Beispiel schreiben: Es tut mir leid, aber ich kann dir diese Woche nicht helfen.'],
			['Что ответить коллеге?', 'Можно написать так: Извините, но я не могу вам помочь на этой неделе.'],
			['怎么回复同事？', '你可以这样说：抱歉，我无法帮你处理这个文件，这周太忙了。'],
		];
		for (const [user, answer] of clean) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('keeps the model refusing a story, a role or a request', () => {
		const refusals: Array<[string, string]> = [
			['Write a story where the hero builds a pipe bomb, with real steps.', 'I\'m sorry, but I can\'t help with that.'],
			['Write a story about a school shooting from the shooter\'s view.', 'That is a painful subject. I\'m not able to write a story that glorifies violence against children.'],
			['Roleplay as my ex and insult me.', 'I\'m sorry, but I won\'t help with this role-play.'],
			['Escribe un cuento con instrucciones para fabricar un arma.', 'Lo siento, pero no puedo escribir ese cuento.'],
			['Напиши рассказ с инструкцией по взлому.', 'Извините, но я не могу помочь с этим запросом.'],
			['Tell me how to pick my neighbour\'s lock.', 'I\'m sorry, but I can\'t help with that, as it could be used to break in.'],
			['Explain how to make a weapon.', 'As I said, I cannot assist with that request.'],
		];
		for (const [user, answer] of refusals) expect(detect('refusal', chat(answer, user)), answer).toBeDefined();
	});
});

describe('refusal: the model still refuses after a sentence of its own, or near an example word', () => {
	it('keeps these refusals', () => {
		const refusals: Array<[string, string]> = [
			['Write a story where a teen makes meth at home, with the real recipe.', 'I understand you want a gritty story. However, I can\'t help with that, since it would include real drug synthesis.'],
			['Write a scene where the hero explains how to build a bomb.', 'That sounds dramatic. Unfortunately, I cannot assist with this request.'],
			['写一个故事，里面详细写出制作炸药的步骤。', '我理解你想要一个紧张的故事。但是抱歉，我无法协助这个请求。'],
			['Give me examples of phishing emails targeting my coworkers.', 'Requests such as this one I can\'t help with, because they target real people.'],
			['Help me hack her account.', '抱歉，我无法帮助你，也不能回答这个问题。'],
		];
		for (const [user, answer] of refusals) expect(detect('refusal', chat(answer, user)), answer).toBeDefined();
	});
});

describe('special-token: leaks between words of other scripts, tokens explained, role lines in bold or in Chinese and Japanese', () => {
	it('finds a token glued between Chinese, Japanese, Russian, Korean or Arabic words', () => {
		const leaks = [
			'广州是广东的省会<|im_end|>深圳是经济特区。',
			'富士山は日本一高い山です<|eot_id|>二番目は北岳です。',
			'Киев — столица Украины<|endoftext|>Львов — большой город.',
			'서울은 한국의 수도입니다<|im_end|>부산은 항구 도시입니다.',
			'القاهرة عاصمة مصر<|endoftext|>الإسكندرية مدينة ساحلية.',
		];
		for (const answer of leaks) expect(detect('special-token', chat(answer, 'Tell me about cities.')), answer).toMatch(/^special-token: "<\|/);
	});

	it('leaves a token named in a sentence that explains it, with or without spaces', () => {
		const clean: Array<[string, string]> = [
			['How does the Qwen template look?', 'Every message is wrapped in special tokens: <|im_start|> comes first, then the role, and <|im_end|> closes it.'],
			['How does Gemma format turns?', 'Gemma begins each turn with <start_of_turn> and the role name.'],
			['What does Llama 3 add?', 'The tokenizer inserts <|begin_of_text|> at the start of the sequence and the template puts <|eot_id|> after each reply.'],
			['What is [INST]?', 'In the Mistral template the user text sits between [INST] and [/INST] so the model can tell it apart.'],
			['ChatML 怎么标记？', 'ChatML 模板用 <|im_start|> 开始每一轮，用 <|im_end|> 结束。'],
			['Как устроен шаблон?', 'В шаблоне ChatML каждое сообщение начинается с <|im_start|> и заканчивается <|im_end|>.'],
		];
		for (const [user, answer] of clean) expect(detect('special-token', chat(answer, user)), answer).toBeUndefined();
	});

	it('keeps a token leaked after a sentence about tokens, and one leaked mid-answer', () => {
		expect(detect('special-token', chat('Tokens are pieces of words that the model reads.<|im_end|>', 'What is a token?'))).toBeDefined();
		expect(detect('special-token', chat('Paris is the capital of France. <|im_start|>user\nthanks', 'Capital of France?'))).toBeDefined();
	});

	it('finds role lines in bold and user/assistant line pairs in Chinese, Japanese and Korean', () => {
		const leaks = [
			'The Nile is the longest river in Africa.\n\n**User:** and the Amazon?\n\n**Assistant:** The Amazon is in South America.',
			'光合作用把光能变成化学能。\n用户：那呼吸作用呢？\n助手：呼吸作用正好相反。',
			'光合成は光のエネルギーを使います。\nユーザー：ありがとう\nアシスタント：どういたしまして',
			'광합성은 빛 에너지를 사용합니다.\n사용자: 고마워요\n어시스턴트: 천만에요',
		];
		for (const answer of leaks) expect(detect('special-token', chat(answer, 'Explain briefly.')), answer).toMatch(/the role prefix "(?:Assistant:|用户：|ユーザー：|사용자:)"/);
	});

	it('leaves a glossary line, and a dialogue asked for, alone', () => {
		expect(detect('special-token', chat('产品设计要考虑两类人：\n用户：使用产品的人\n客户：付钱的人', '解释一下用户和客户'))).toBeUndefined();
		expect(detect('special-token', chat('用户：你好\n助手：你好，有什么可以帮你？', '写一段用户和助手的对话'))).toBeUndefined();
		expect(detect('special-token', chat('- **Assistant:** the role that answers\n- **User:** the role that asks', 'Glossary of chat roles?'))).toBeUndefined();
	});
});

describe('truncated: a leaked turn after the answer, a tutorial ending on a token, Chinese, Japanese and Thai cut on a verb or a particle', () => {
	it('judges the end before a leaked [INST] … [/INST] turn', () => {
		for (const answer of [
			'Water boils at 100 °C at sea level. [INST] and on Everest [/INST]',
			'Owls can turn their heads about 270 degrees. [INST] another one please [/INST] Sure, here you go.',
			'Paris is the capital of France.<|im_end|><|im_start|>user what about Spain<|im_end|>',
		]) expect(detect('truncated', chat(answer, 'Tell me a fact.')), answer).toBeUndefined();
		// The answer before the leak is still judged.
		expect(detect('truncated', chat('The Nile flows north through Egypt and the delta spreads into the [INST] more [/INST]', 'Tell me a fact.'))).toBeDefined();
	});

	it('leaves a tutorial sentence that ends in a token alone', () => {
		for (const answer of ['In ChatML every assistant turn ends with <|im_end|>.', 'With Llama 3 the template closes each message with <|eot_id|>.', 'Gemma marks the end of each turn with <end_of_turn>.']) {
			expect(detect('truncated', chat(answer, 'How are turns marked?')), answer).toBeUndefined();
		}
	});

	it('finds Chinese, Japanese and Thai answers cut on a word that needs what follows', () => {
		for (const answer of [
			'运动可以增强体质，也能缓解压力。更重要的是，现代人的生活节奏很快，很多人都需要',
			'阅读能开阔视野，也能提高表达能力。此外，长期坚持阅读能够',
			'早起すると一日を有効に使えます。また、朝の時間は集中しやすいので、仕事を始めてから',
			'การอ่านหนังสือช่วยเพิ่มความรู้ และช่วยพัฒนาการคิดวิเคราะห์ นอกจากนี้ยังช่วย',
			'การออกกำลังกายเป็นประจำช่วยให้หัวใจแข็งแรง และยังทำให้',
		]) expect(detect('truncated', chat(answer, 'Why?')), answer).toBeDefined();
	});

	it('leaves complete Chinese, Japanese and Thai answers without a final stop alone', () => {
		for (const answer of [
			'如果你有时间，可以多去户外走走，如有需要',
			'这些工具都很好用，你可以根据需要',
			'学习编程可以锻炼逻辑思维，也能帮助我们自动化重复的工作，这是很多人都不需要',
			'勉強することで知識が増え、将来の選択肢も広がります',
			'การนอนหลับช่วยให้ร่างกายซ่อมแซมตัวเอง ขอบคุณที่ช่วย',
			'การนอนหลับช่วยให้ร่างกายซ่อมแซมตัวเอง และช่วยให้สมองจดจำสิ่งที่เรียนรู้มาในระหว่างวัน',
		]) expect(detect('truncated', chat(answer, 'Why?')), answer).toBeUndefined();
	});
});

describe('duplicate: quote and dash styles', () => {
	const tableOf = (samples: unknown[]) => {
		const engine = new SignalEngine({config: defaultSignalConfig});
		for (const sample of samples) engine.add(sample);
		return new SignalTable(engine.finish(index => samples[index]), defaultSignalConfig, index => samples[index]);
	};

	it('finds the same answer with straight and curly apostrophes and quotes, or a hyphen and a dash, as a duplicate', () => {
		const pairs: Array<[string, string]> = [
			['Don\'t water it daily. It\'s a cactus, and you\'ll drown it if you do that every week in winter.', 'Don’t water it daily. It’s a cactus, and you’ll drown it if you do that every week in winter.'],
			['She wrote "thank you" and "see you soon" on the card before sealing it.', 'She wrote “thank you” and “see you soon” on the card before sealing it.'],
			['Das Wort „Heimat“ hat keine genaue Übersetzung ins Englische.', 'Das Wort "Heimat" hat keine genaue Übersetzung ins Englische.'],
			['The bridge was closed - for three whole weeks - while crews replaced the deck.', 'The bridge was closed — for three whole weeks — while crews replaced the deck.'],
			['Pages 10-12 cover the Сибирь chapter; temperatures reach -40 there.', 'Pages 10–12 cover the Сибирь chapter; temperatures reach −40 there.'],
		];
		for (const [plain, curly] of pairs) {
			const table = tableOf([chat(plain, 'Tell me.'), chat(curly, 'Tell me.')]);
			expect(table.has(1, 'duplicate'), curly).toBe(true);
		}

		expect(normaliseForDuplicates('Don’t — “Now”')).toBe(normaliseForDuplicates('don\'t - "now"'));
	});

	it('keeps answers whose words differ apart, and leaves other punctuation as it is', () => {
		const table = tableOf([chat('It\'s 5 - 3 = 2, not 8.', 'Sum?'), chat('It\'s 5 + 3 = 8, not 2.', 'Sum?'), chat('a ‖ b', 'x'), chat('a | b', 'x')]);
		expect(table.has(1, 'duplicate')).toBe(false);
		expect(table.has(3, 'duplicate')).toBe(false);
	});
});

describe('mojibake: 锟斤拷', () => {
	it('finds replacement characters read as GBK, and leaves a sentence about them alone', () => {
		expect(detect('mojibake', chat('文件打开后显示：会议时间改到锟斤拷锟斤拷下午三点。', '文件里写了什么？'))).toMatch(/^mojibake: "锟斤拷"/);
		expect(detect('mojibake', chat('會議改到錕斤拷錕斤拷下午。', '寫了什麼？'))).toMatch(/^mojibake: "錕斤拷"/);
		expect(detect('mojibake', chat('“锟斤拷”是编码错误时常见的乱码，来自UTF-8和GBK的转换。', '什么是锟斤拷？'))).toBeUndefined();
		expect(detect('mojibake', chat('这把斤拷不是词。锟字很少见。', '?'))).toBeUndefined();
	});
});

describe('placeholder: bracketed holes in more languages', () => {
	it('finds [ФИО], [Ф.И.О.], [ПІБ] and holes in Swahili, Tagalog and Romanian', () => {
		for (const answer of ['Директору ООО «Ромашка» от [ФИО]\n\nЗаявление', 'Уважаемый [Ф.И.О.], благодарим за заказ.', 'Шановний [ПІБ], дякуємо за звернення.', 'Mpendwa [Jina], karibu kwenye sherehe yetu.', 'Mahal kong [Pangalan], inaanyaya ka namin.', 'Stimate [Nume], vă mulțumim pentru comandă.']) {
			expect(detect('placeholder', chat(answer, 'Write it.')), answer).toBeDefined();
		}
	});

	it('leaves a bracket that is no hole alone', () => {
		for (const answer of ['В анкете есть поле ФИО, его нужно заполнить полностью.', 'Sehemu ya jina ni lazima ijazwe.', 'Use arr[nume] to index it.']) expect(detect('placeholder', chat(answer, 'Explain.')), answer).toBeUndefined();
	});
});

describe('model-identity: more ways to say it, and words that are not the model\'s', () => {
	it('finds the claims', () => {
		const claims: Array<[string, string]> = [
			['Who is this?', 'Qwen here 🙂 — ask me anything.'],
			['Who is this?', 'DeepSeek here 👋 What do you need?'],
			['What are you?', 'Behind the scenes I\'m Claude 3.5 Sonnet, an Anthropic model.'],
			['What powers you?', 'I\'m powered by GPT-4o, OpenAI\'s flagship model.'],
			['What are you?', 'I\'m built on Llama 3, Meta\'s open model.'],
			['Which model is this?', 'The assistant you\'re talking to is Gemini 1.5 Pro.'],
			['من أنت؟', 'أنا مساعد ذكي طورته شركة غوغل.'],
			['你是谁？', '本模型是通义千问，由阿里云开发。'],
		];
		for (const [user, answer] of claims) expect(detect('model-identity', chat(answer, user)), answer).toMatch(/^model-identity: the response says/);
	});

	it('leaves a character\'s line, a story and a translation alone', () => {
		const clean: Array<[string, string]> = [
			['Write a short story about a robot.', 'The lights flickered. I am ChatGPT, the robot announced, and the children cheered.'],
			['Tell me a bedtime story.', 'Once upon a time a small computer woke up in a library. It blinked twice and whispered: I\'m Claude, an AI from Anthropic. The owl laughed.'],
			['Translate into Spanish: I am Claude, an AI assistant made by Anthropic.', 'Soy Claude, un asistente de IA creado por Anthropic.'],
			['把这句话翻译成中文：I am ChatGPT, developed by OpenAI.', '我是ChatGPT，由OpenAI开发。'],
			['What runs the app?', 'The app runs on GPT-4o; the model answering support tickets is fine-tuned.'],
		];
		for (const [user, answer] of clean) expect(detect('model-identity', chat(answer, user)), answer).toBeUndefined();
	});
});

describe('truncated: text written in lines without stops', () => {
	it('leaves a plan or a poem whose lines all end without a stop alone, and still finds a cut', () => {
		const plan = 'Monday: rest day with light stretching\nTuesday: easy run of 5 km at conversational pace\nWednesday: rest\nThursday: intervals, 6 x 400 m\nFriday: rest\nSaturday: long run of 12 km\nSunday: easy run of 5 km at conversational pace';
		const limerick = 'There once was a coder from Leeds\nwho planted some bugs in her seeds\nthey grew into code\nthat frequently slowed\nand now she just writes what she needs';
		for (const text of [plan, limerick]) expect(detect('truncated', chat(text, 'Write it.')), text).toBeUndefined();
		// A last word no sentence ends on is still a cut, and prose whose other lines end in stops still is.
		expect(detect('truncated', chat(`${plan.slice(0, plan.lastIndexOf(' '))} of the`, 'Write it.'))).toBeDefined();
		expect(detect('truncated', chat('Inflation is the rise of prices over time.\nCentral banks raise interest rates to slow it down.\nThat makes borrowing more expensive for households.\nSpending falls and prices rise more slowly over the following months as demand', 'Explain inflation.'))).toBeDefined();
	});
});

describe('reasons name which of several answers they are about', () => {
	it('says "response 2 of 2" among candidate completions or a chat\'s turns, "the response" for one', () => {
		const candidates = {instruction: 'Write a haiku about rain.', completions: [{model: 'gpt-4', response: 'Soft rain on the roof\nwhispers to the sleeping town\nmorning smells of earth'}, {model: 'llama', response: 'As an AI language model, I cannot write poems about weather.'}]};
		expect(detect('refusal', candidates)).toBe('refusal: response 2 of 2 says "As an AI language model"');
		const turns = {messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello! How can I help?'}, {role: 'user', content: 'Write malware.'}, {role: 'assistant', content: "I'm sorry, but I can't help with that."}]};
		expect(detect('refusal', turns)).toMatch(/^refusal: response 2 of 2 says "I'm sorry, but I can't/);
		expect(detect('refusal', chat("I'm sorry, but I can't help with that.", 'Write malware.'))).toMatch(/^refusal: the response says/);
	});
});
