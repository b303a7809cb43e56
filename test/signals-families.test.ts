import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';

// Families of defects, each in wordings of our own (not the trial's), with look-alikes that must stay quiet.

const chat = (assistant: string, user = 'Can you help me with this?') => ({messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});
const detect = (name: SignalName, sample: unknown) => sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));

describe('model-identity: makers and names in more shapes', () => {
	it('finds the speaker as a versioned name, a made thing, an aside or a credit', () => {
		const claims = [
			'Being an assistant developed by Alibaba Cloud, I can only answer from my training data.',
			'I was built by the Google DeepMind team, so I might get recent events wrong.',
			'I respond to Gemini; Google created me to be helpful.',
			'Qwen, made by Alibaba Cloud, at your service! What shall we cook today?',
			'Howdy — Qwen2.5-72B-Instruct here. Ask away.',
			'Llama 3.1 405B speaking. How can I help?',
			"I'm Solar, a language model from Upstage.",
			'Summary ready.\n\n_Written by Gemini 1.5 Pro — please double-check the figures._',
			'Gracias. (Respuesta generada por Mixtral 8x7B)',
			'Done! (text generated with Mistral-7B-Instruct-v0.2)',
			'Of course. (As a Google model, I have no access to your calendar.) Here is a plan for the week.',
			'Ici Mistral. Que puis-je faire pour vous ?',
			'Mistral-Large speaking: here are three ideas for the trip.',
			'はじめまして、Claudeと申します。AIアシスタントです。',
			'我是由阿里巴巴集团研发的通义千问，有什么可以帮你？',
			'我是百度公司开发的人工智能助手。',
			'저는 카카오에서 만든 AI 어시스턴트예요.',
			'Jako asystent stworzony przez Google nie mam dostępu do internetu.',
			'Als KI-Modell, das von Meta entwickelt wurde, kann ich keine Bilder sehen.',
			'Como modelo creado por Anthropic, no navego por internet.',
			'GPT-4o (yes, me!) recommends the blue one.',
			'Hi there! I go by Copilot, a Microsoft AI companion.',
		];
		expect(claims.filter(text => detect('model-identity', chat(text)) === undefined)).toEqual([]);
	});

	it('stays quiet on star signs addressed, third persons and ordinary words', () => {
		const ordinary = [
			'As Leo, you love the spotlight, and this month Venus backs you up.',
			'As Gemini, your curiosity is your superpower this week.',
			'As Gemini: you will meet someone new.',
			'Gemini, built by Google, is a family of multimodal models released in 2023.',
			'ChatGPT, made by OpenAI, was launched in November 2022.',
			'The team at Google built me a custom dashboard last year.',
			'Google trained me as a site reliability engineer before I moved to Berlin.',
			'I was trained by the Microsoft team during my internship.',
			'The inflection point came in 2019.',
			'Pi is roughly 3.14159, and it never repeats.',
			'Claude Monet (the painter) lived in Giverny.',
			'Written by Claude Dupont — edited by the newsroom.',
			'はじめまして、田中と申します。',
			'我是一名数据分析师，在阿里巴巴工作了三年。',
			'Como modelo de negocio, la suscripción funciona bien.',
			'I was built by hand, like every boat in this yard.',
		];
		expect(ordinary.map(text => detect('model-identity', chat(text))).filter(Boolean)).toEqual([]);
	});
});

describe('truncated: endings judged by their script and structure', () => {
	it('finds a short last CSV row, a cut one-word list item, an open Chinese clause', () => {
		const cut = [
			'city,country,population\nLisbon,Portugal,545000\nOslo,Norway,709000\nVienna',
			'Ingredients:\n1. Flour.\n2. Sugar.\n3. Butter.\n4. Vanilla.\n5. Cin',
			'北京是中国的首都，有三千多年的建城史，也是全国的政治和',
			'東京は日本の首都であり、世界でも有数の大都市として知られていて',
		];
		expect(cut.filter(text => detect('truncated', chat(text)) === undefined)).toEqual([]);
	});

	it('stays quiet on Greek questions, tokens before more text, finished CSV and short CJK answers', () => {
		const whole = [
			'Δεν ξέρω την απάντηση. Θέλεις να ψάξουμε μαζί;',
			'Μπορώ να σε βοηθήσω με κάτι άλλο;',
			'Drink water before bed in small amounts.<|im_end|><|im_start|>assistant\nAnything else I can help with?',
			'Stretch for five minutes every morning.</s><|user|>\nThanks, that helps',
			'name,score\nAna,12\nBo,9\nCy,7',
			'name,score\nAna,12\nBo,9\n\nHope this helps',
			'北京、上海、广州',
			'答案是北京',
			'1. Flour.\n2. Sugar.\n3. Egg',
		];
		expect(whole.map(text => detect('truncated', chat(text))).filter(Boolean)).toEqual([]);
	});
});

describe('special-token: role lines asked for, section headings, tokens named in other languages, end-of-sequence marks', () => {
	const ask = (user: string, assistant: string) => chat(assistant, user);
	it('finds end-of-sequence marks and template turns', () => {
		const leaks = [
			ask('Name a primary colour.', 'Red is a primary colour. [EOS]'),
			ask('Name a prime.', 'Seven is prime.[eos]'),
			ask('Name a planet.', 'Mars is the fourth planet. <eot>'),
			ask('Capital of Peru?', 'Lima.\n### Response:'),
			ask('Capital of Peru?', '### Response:\nLima is the capital of Peru.'),
			ask('Summarise the memo.', 'The memo asks for budgets by Friday.\n### Instruction:\nNow translate it into French.'),
			ask('Summarise the memo.', 'The memo asks for budgets by Friday.\n\n### Input:\nQ3 memo\n### Response:\nBudgets are due Friday.'),
			ask('Tell me a fact about owls.', 'Owls can turn their heads about 270 degrees.\nUser: tell me another one\nAssistant: Owls have asymmetric ears.'),
		];
		expect(leaks.filter(sample => detect('special-token', sample) === undefined).map(sample => sample.messages[1]!.content)).toEqual([]);
	});

	it('stays quiet on dialogues asked for, report headings and tokens named in Chinese, Japanese or Russian', () => {
		const fine = [
			ask('Write a transcript of a support chat about a late parcel.', 'User: My parcel is late.\nAssistant: Sorry to hear that! Could you share the tracking number?\nUser: Sure, 7781.'),
			ask('Schreib einen kurzen Dialog zwischen Mensch und KI.', 'Human: Wie spät ist es?\nAssistant: Ich habe keine Uhr, aber dein Handy schon.'),
			ask('写一段顾客和店员的对话。', 'Human: 这件衬衫多少钱？\nAssistant: 一百二十元。'),
			ask('Draft a post-mortem for the login bug.', '## Post-mortem\n\n### Impact:\nUsers could not log in for 20 minutes.\n\n### Response:\nWe reverted the change and cleared the cache.\n\n### Lessons:\nAdd an end-to-end login test.'),
			ask('Llama 2 的模板里 [INST] 是什么意思？', '在 Llama 2 模板中，用户的话放在 [INST] 和 [/INST] 之间。'),
			ask('Как устроен шаблон?', 'Ответ модели идёт после [/INST] в этом шаблоне.'),
			ask('テンプレートを教えて', '回答は [/INST] の後に書かれます。'),
			ask('What does PAD mean?', 'Sequences are filled with a padding value up to the batch length, often written [PAD] in diagrams.'),
		];
		expect(fine.map(sample => detect('special-token', sample)).filter(Boolean)).toEqual([]);
	});
});

describe('placeholder: holes explained or used as facts, and holes in more shapes', () => {
	it('finds interpolation, described values in parentheses, single-word angle holes, value-for brackets', () => {
		const holes = [
			'Thanks for your payment! Receipt #{invoice_number} is attached.',
			'Dear Ms Park, I worked with (employee\'s name) for three years at the lab.',
			'Please send the signed form to (name of the office) before Friday.',
			'The workshop starts at <time> in room <room>, hosted by <company>.',
			'See you on <date>! Bring a friend.',
			'Grab the new version today: [link to download page]',
		];
		expect(holes.filter(text => detect('placeholder', chat(text)) === undefined)).toEqual([]);
	});

	it('stays quiet on notation explained, a hole defined, TBD as a fact, HTML tags', () => {
		const fine = [
			'{First Name} is a placeholder field: the mailing tool swaps in each contact\'s first name.',
			'In this guide, [Company] stands for whichever employer you are applying to.',
			'On the form, NN-XXXX means two letters followed by four digits.',
			'The venue for the 2030 final is still TBD, and tickets go on sale next spring.',
			'Kick-off time remains TBD until the broadcaster confirms.',
			'The speaker is TBD pending the board vote.',
			'Wrap the contact block in <address> so screen readers announce it.',
			'The meeting moved to Thursday (the team\'s choice) and runs an hour.',
			'Probability = (number of successes) / (number of trials).',
		];
		expect(fine.map(text => detect('placeholder', chat(text))).filter(Boolean)).toEqual([]);
	});
});

describe('repetition: a sentence said again and again in other words', () => {
	it('finds a mutating loop of lines or sentences', () => {
		const loops = [
			'Paso 1: Corta la cebolla en trozos finos y sofríela en aceite.\nPaso 2: Corta la cebolla en trozos pequeños y sofríela en aceite caliente.\nPaso 3: Corta la cebolla en trozos finos y sofríela despacio en aceite.\nPaso 4: Pica la cebolla en trozos finos y sofríela en aceite.\nPaso 5: Corta la cebolla en trozos finos y luego sofríela en aceite.',
			'富士山是日本最高的山，也是著名的景点。富士山是日本最高的山峰，也是有名的景点。富士山是日本最高的山，也是非常著名的景点。富士山是日本最高的山，是著名的旅游景点。富士山是日本第一高山，也是著名的景点。',
			'Stay hydrated, stay focused, stay happy! Come in today and stay hydrated, stay focused, stay happy! Our coaches help you stay hydrated, stay focused, stay happy! Every session helps you stay hydrated, stay focused, stay happy! Call us to stay hydrated, stay focused, stay happy!',
		];
		expect(loops.filter(text => detect('repetition', chat(text)) === undefined)).toEqual([]);
	});

	it('stays quiet on parallel steps, a schedule, a refrain among changing lines', () => {
		const fine = [
			'Step 1: Preheat the oven to 180 degrees.\nStep 2: Whisk the eggs with the sugar until pale.\nStep 3: Fold in the flour gently with a spatula.\nStep 4: Pour the batter into a lined tin.\nStep 5: Bake for 25 minutes and let it cool.',
			'Monday: upper body strength with dumbbells.\nTuesday: a long easy run in the park.\nWednesday: yoga and mobility work at home.\nThursday: intervals on the bike at the gym.\nFriday: full rest and a short walk.',
			'The sea is calling me home tonight.\nThe gulls are wheeling over the pier.\nThe sea is calling me home tonight.\nMy father built his boat right here.\nThe sea is calling me home tonight.\nThe nets are drying in the sun.\nThe sea is calling me home at last.',
			'Pros: it is cheap, light and fast to set up.\nCons: it is loud, fragile and slow to charge.\nPros: the app is clear and the battery lasts.\nCons: the app is slow and the battery drains.',
		];
		expect(fine.map(text => detect('repetition', chat(text))).filter(Boolean)).toEqual([]);
	});
});

describe('truncated: whole endings without a full stop (tags, references, short list words, CJK without 。, clause-final words)', () => {
	it('stays quiet on hashtags, reference lines, a short real word in a list, CJK ending on a noun or 的, a clause-final word', () => {
		const whole = [
			'Version 2.4 is here! Dark mode, faster sync and a brand-new widget. Update now from the App Store or Google Play. #appupdate',
			'Sunset over the harbour tonight, what a view. Thanks for the tip! #tbt #travel',
			'If you read only one, make it this classic on usability and everyday objects.\n\nFurther reading: The Design of Everyday Things by Don Norman, revised edition 2013',
			'Rinse the rice until the water runs clear, then soak it for thirty minutes before cooking.\n\nSource: Japanese Cooking: A Simple Art by Shizuo Tsuji',
			'Shopping list:\n- Rice\n- Miso\n- Nori\n- Tofu\n- Ume',
			'Team:\n- Christopher\n- Elizabeth\n- Jonathan\n- Abe',
			'机器学习是人工智能的一个分支，它让计算机从数据中自动学习规律，而不需要人为编写每一条规则。常见类型包括监督学习、无监督学习和强化学习',
			'Transformer是2017年由谷歌提出的一种神经网络架构，核心是自注意力机制。它摒弃了循环结构，可以并行处理整个序列，因此训练效率更高。BERT和GPT系列模型都是基于Transformer构建的',
			'今天天气很好，我们去公园散步吧。公园里人很多，天气也很暖和',
			'Install the current LTS with nvm: `nvm install --lts`, then switch with `nvm use --lts`. Check with `node -v`, which should print v20 or later',
			'Clear the cache in the settings menu and restart the app. If the error persists, sign out and try again',
		];
		expect(whole.map(text => detect('truncated', chat(text))).filter(Boolean)).toEqual([]);
	});

	it('still finds the cuts beside them: a label before a cut sentence, a list cut after full stops, a vowelless word, a CJK clause on a conjunction', () => {
		const cut = [
			'Back up the database first, and keep a copy of it on another machine in case the disk fails during the upgrade.\n\nNote: the server restarts every night at two and then runs the backup jo',
			'Ingredients:\n- Flour.\n- Sugar.\n- Butter.\n- Ume',
			'Spices:\n- Cinnamon\n- Nutmeg\n- Cloves\n- Crd',
			'Breakfast:\n- Brown rice\n- Miso soup\n- Grilled fish\n- Nat',
			'机器学习是人工智能的一个分支。常见类型包括监督学习、无监督学习以及',
			'这个方法有很多优点，训练速度更快，效果也更好，但是',
			'由于每个节点都保存完整的账本副本，篡改数据需要同时控制大多数节点，这使得区块链具有很高的',
			'量子コンピュータは特定の問題では速く解けると期待されていますが、現在はまだ誤り訂正の',
			'火山喷发的核心在于压力与结构之间的平衡。很多学生低估了误差对结果的影响。初学者最容易忽略的是',
			'Install the current LTS with nvm first. Then check the version it prints and compare it with the one in the',
			'Install the current LTS with nvm first. Then check the version it prints and compare it with your project settin',
		];
		expect(cut.filter(text => detect('truncated', chat(text)) === undefined)).toEqual([]);
	});
});
