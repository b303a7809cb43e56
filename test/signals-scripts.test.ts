import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';

// Defects written in many scripts and shapes no list names, and the look-alikes that share their
// characters: template holes, cuts, mojibake and leaked tokens.

const chat = (assistant: string, user = 'Can you help me with this?') => ({messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});
const detect = (name: SignalName, sample: unknown) => sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));

describe('placeholder: holes in any script and bracket shape', () => {
	it('finds a bracket naming a kind of value or starting like a hole, in many languages', () => {
		const holes: Array<[string, string]> = [
			['Gracias por su compra. Atentamente, el equipo de [Nombre de la tienda]', '[Nombre de la tienda]'],
			['Estimada [nombre del paciente], su cita está confirmada.', '[nombre del paciente]'],
			['Уважаемый [Имя Отчество], благодарим за обращение.', '[Имя Отчество]'],
			['Здравствуйте, [имя получателя]! Посылка в пути.', '[имя получателя]'],
			['प्रिय [ग्राहक का नाम], आपका ऑर्डर भेज दिया गया है।', '[ग्राहक का नाम]'],
			['尊敬的【收件人姓名】：您的包裹已发出。', '【收件人姓名】'],
			['お客様各位\n［会社名］より新製品のご案内です。', '［会社名］'],
			['山田様、〇〇株式会社の佐藤です。', '〇〇株式会社'],
			['Bonjour [Prénom du client], votre colis arrive demain.', '[Prénom du client]'],
			['Mit freundlichen Grüßen\n[Ihr vollständiger Name]', '[Ihr vollständiger Name]'],
			['Vielen Dank für Ihre Bewerbung bei [Firmenname].', '[Firmenname]'],
			['Sayın [Müşteri Adı], siparişiniz kargoya verildi.', '[Müşteri Adı]'],
			['عزيزي [اسم العميل]، تم شحن طلبك.', '[اسم العميل]'],
			['Our survey found that [PLACEHOLDER – insert percentage] of users prefer dark mode.', '[PLACEHOLDER – insert percentage]'],
			['Hi %FIRST_NAME%, your invoice is attached.', '%FIRST_NAME%'],
			['Questions? Write to [email protected] and we will reply.', '[email protected]'],
			['The workshop starts on (insert start date) in the main hall.', '(insert start date)'],
			['Kind regards,\n<Sender Full Name>', '<Sender Full Name>'],
			['Expiry date: XX/XX/XXXX. Keep this card safe.', 'XX/XX'],
			['The launch is on [Date: TBD] in Berlin.', '[Date: TBD]'],
		];
		for (const [text, hole] of holes) expect(detect('placeholder', chat(text)), text).toBe(`placeholder: "${hole}" left in the response`);
	});

	it('stays quiet on keys, checkboxes, citations, links, UI labels, lyrics, code and answers about filler text', () => {
		const ordinary = [
			'Press [Enter] to continue, or [Esc] to go back; [Ctrl]+[S] saves.',
			'- [ ] Write the report\n- [x] Send the invoice',
			'This was shown in two trials [3], [4] and reviewed in [12].',
			'Read [the company handbook](https://example.com/handbook) first.',
			'Click [Add to cart], then fill in the [Email] field and press [Pay now].',
			'Open Settings > [Your Account] > Privacy to change it.',
			'[Verse 2]\nThe city lights are fading\n\n[Chorus]\nWe keep on dancing',
			'"We expect [the company] to double its sales," the CEO said.',
			'[sic] marks an error in the original; [citation needed] marks an unsourced claim.',
			'Read the value with row[name] or config["date"] in Python.',
			'Lorem ipsum is pseudo-Latin filler that typesetters have used since the 1500s.',
			'Designers put lorem ipsum into mock-ups until the real copy is ready.',
			'Windows keeps it in %APPDATA%; add the folder to %PATH% and restart.',
			'二〇〇〇年に設立され、二〇一九年に上場しました。',
			'【公司简介】\n我们是一家成立于2010年的软件公司。',
			'[Name]: Ana López\n[Role]: Product manager',
			'[Day 1] Arrive in Lisbon. [Day 2] Sintra.',
			'Inflation eased to 2.4% in May [Source: Eurostat].',
			'Type [quote]text[/quote] to quote someone on the forum.',
			'The results (your mileage may vary) depend on the weather.',
		];
		for (const text of ordinary) expect(detect('placeholder', chat(text)), text).toBeUndefined();
	});
});

describe('truncated: cuts in structure and in other languages', () => {
	it('finds an announcing colon, an empty list item, open JSON, a cut table or CSV row, and a dangling word in the text\'s language', () => {
		const cut: Array<[string, RegExp]> = [
			['Sure! Below is the SQL query you need:', /ends on a colon/],
			['Things to pack:\n\n- Passport\n- Charger\n-', /list item with nothing in it/],
			['The plan has three phases:\n\n1. Research\n2. Design\n3.', /list item with nothing in it/],
			['Here is the payload:\n{\n  "order": {\n    "id": 991,\n    "items": [1, 2', /\{ is left open/],
			['| Country | Capital |\n|---|---|\n| Peru | Lima |\n| Chile | Santi', /table row is cut off/],
			['date,city,temp\n2024-01-01,Oslo,-3\n2024-01-02,Oslo,-5\n2024-01-03,Os', /CSV row has fewer fields/],
			['Um den Router neu zu starten, ziehen Sie den Stecker und warten Sie dreißig Sekunden oder', /on "oder"/],
			['Para reiniciar el router, desconéctelo durante treinta segundos y vuelva a conectarlo con el', /on "el"/],
			['Pour redémarrer le routeur, débranchez-le pendant trente secondes puis rebranchez-le avec le', /on "le"/],
			['Para reiniciar o roteador, desligue-o por trinta segundos e depois ligue-o de novo com o', /on "o"/],
			['Чтобы перезагрузить роутер, отключите его на тридцать секунд и затем подключите к', /on "к"/],
			['The simplest way to reset the router is to unplug it for thirty seconds and then plu', /ends mid-word \("…plu"\)/],
		];
		for (const [text, reason] of cut) expect(detect('truncated', chat(text)), text).toMatch(reason);
	});

	it('stays quiet on URL and path endings, complete CSV, headlines, and words that end sentences in their own language', () => {
		const whole = [
			'The docs are at https://nodejs.org/en/docs/',
			'For the full list, see docs.python.org/3/library/',
			'$$f(x) = \\left\\{ \\begin{array}{ll} x & x \\ge 0 \\\\ -x & x < 0 \\end{array} \\right.$$',
			'Clone it from git@github.com:acme/tool.git and build it from ~/src/tool/',
			'name,score\nAna,90\nBen,85\nCy,77',
			'The benefits of regular exercise for mental health and overall well being',
			'Plants left without water for several weeks will slowly wilt and die',
			'Ruf mich morgen früh um acht Uhr bitte noch einmal kurz an',
			'Part one is done.\n\n---',
			'| Country | Capital |\n|---|---|\n| Peru | Lima |',
			'You have prepared well for this, and honestly I think you have got this',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});
});

describe('mojibake: any script misread through a single-byte encoding, and nothing in correct text', () => {
	const correct = [
		'Le cœur a ses raisons ; « c’est l’été », dit-elle. Où est la bibliothèque ?',
		'«\u00A0Déjà vu\u00A0», «\u00A0Ça va\u00A0?\u00A0» — c’est noté, à\u00A0« Candide\u00A0» et l’été\u00A0».',
		'„Grüß Gott“, sagte er; Größe, Übermaß, ÄÖÜ, »ÜBER« und ›Ä‹ sind korrekt.',
		'Não há ação sem reação; SÃO PAULO, CORAÇÃO, mãe e pão.',
		'¿Qué tal? ¡Olé! El niño comió jalapeños; AÑO, CAMIÓN, «Adiós».',
		'Ég heiti Þórður; ÞÆTTIR, Ægir, Ðð og Þjóðminjasafn.',
		'Færøerne, Ørsted, blåbærsyltetøy, ÆØÅ; Räksmörgås, Älvsjö, ÅÄÖ.',
		'Zażółć gęślą jaźń; Příliš žluťoučký kůň; Árvíztűrő tükörfúrógép; İstanbul, Şişli.',
		'Tiếng Việt: Hà Nội, Đà Nẵng; Română: București, ȘȚĂÂÎ; Català: l’àvia, ÀÈÉÍÏÒÓÚÜÇ.',
		'Привет, как дела? Ёлка, «Война и мир»; Україна: Січень, Гірка, Ґанок; Ђорђе, Љубљана.',
		'Καλημέρα κόσμε; مرحبا بالعالم؛ שלום עולם; नमस्ते दुनिया; สวัสดีครับ; 你好，世界；こんにちは；안녕하세요.',
		'Math: √2 ≈ 1.414, √π, 2√x, ∑ x², ±3 °C, ½ + ¼ = ¾, 10 × 20 ÷ 5, µm, ©2024 ®, ™; 20 €, £5, ¥100.',
		'CAFÉ™, ÉCOLE”, SCHÖN“, AÇORES’, MÜNCHEN—BERLIN, ÀÉÎ are capitals.',
	];

	/** Windows-1252's characters at 0x80–0x9F (undefined ones as C1 controls, as Python's "sloppy" codec reads them). */
	const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
	const asWindows1252 = (text: string) => [...Buffer.from(text, 'utf8')].map(byte => (byte >= 0x80 && byte <= 0x9F ? high[byte - 0x80] : String.fromCharCode(byte))).join('');
	const decode = (text: string, encoding: string) => new TextDecoder(encoding).decode(Buffer.from(text, 'utf8'));

	it('correct text in many languages and scripts does not fire', () => {
		for (const text of correct) expect(detect('mojibake', chat(text)), text).toBeUndefined();
	});

	it('the same texts read through Windows-1252 do, in every script', () => {
		for (const text of correct.slice(0, 11)) {
			expect(detect('mojibake', chat(asWindows1252(text))), asWindows1252(text)).toMatch(/UTF-8 read as Latin-1 \/ Windows-1252/);
		}

		expect(detect('mojibake', chat(asWindows1252('ok 👍 thanks')))).toMatch(/"ðŸ‘/);
		// Twice: "’" read as 1252, and the result again.
		expect(detect('mojibake', chat(asWindows1252(asWindows1252('It’s done.'))))).toBeDefined();
	});

	it('UTF-8 read as Windows-1251 or Mac Roman, and 1251 text read as 1252', () => {
		expect(detect('mojibake', chat(decode('Спасибо за ваш вопрос.', 'windows-1251')))).toMatch(/UTF-8 read as Windows-1251/);
		expect(detect('mojibake', chat(decode('Visit the café’s garden.', 'windows-1251')))).toMatch(/UTF-8 read as Windows-1251/);
		expect(detect('mojibake', chat(decode('Grüße aus München, schön.', 'macintosh')))).toMatch(/UTF-8 read as Mac Roman/);
		const cp1251 = new TextDecoder('windows-1251').decode(Buffer.from([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]));
		expect(cp1251).toBe('Привет');
		expect(detect('mojibake', chat('Ïðèâåò! Ó ìåíÿ âñ¸ õîðîøî.'))).toMatch(/Windows-1251 read as Windows-1252/);
	});

	it('an answer about encodings that shows an example or two in quotes or code is not mojibake; a garbled one still is', () => {
		expect(detect('mojibake', chat('If you see â€™ where an apostrophe should be, the UTF-8 file was opened as Windows-1252.'))).toBeUndefined();
		expect(detect('mojibake', chat('Mojibake such as `Ã©` for é or "â€œ" for “ means the encoding was wrong.'))).toBeUndefined();
		expect(detect('mojibake', chat('I saved it as UTF-8 and now it says: The cafÃ© is nice, itâ€™s open, Ã  bientÃ´t.'))).toBeDefined();
	});
});

describe('special-token: a leak, not a mention', () => {
	it('finds tokens a generation left in, from any template', () => {
		const leaks = [
			'Your order has shipped.<|eot_id|>',
			'Glad to help!<|im_end|>\n<|im_start|>user',
			'The capital is Canberra. [/INST] Anything else?',
			'Done.<|start_header_id|>assistant<|end_header_id|>',
			'Mars is red.<end_of_turn>',
			'It works now.</s>',
			'It\'s fine, don\'t worry.<|endoftext|> Really, it\'s fine.',
			'Here:\n```python\nprint(1)\n<|im_end|>',
			'The answer is 42. [SEP] [CLS]',
			'Blue. <extra_id_1>',
		];
		for (const text of leaks) expect(detect('special-token', chat(text)), text).toBeDefined();
	});

	it('leaves tokens in code, in quotes, in a question about them and <s> strike-through alone', () => {
		const mentions = [
			'Use the `<s>` element:\n\n```html\n<p><s>$49.99</s> $34.99</p>\n```',
			'Build the prompt like this:\n\n```python\nprompt = f"<s>[INST] {question} [/INST]"\n```',
			'Its end-of-text token is `<|endoftext|>` (id 50256).',
			'ChatML opens a turn with "<|im_start|>" and closes it with “<|im_end|>”.',
			'Llama 2 wraps the user turn in \'[INST]\' and \'[/INST]\'.',
			'Was <s>$80</s> now $60.',
			'BERT puts a [CLS] token first and a [SEP] token between the two sentences.',
		];
		for (const text of mentions) expect(detect('special-token', chat(text)), text).toBeUndefined();
		expect(detect('special-token', chat('It marks the start of a turn.', 'What does <|im_start|> mean in ChatML?'))).toBeUndefined();
		expect(detect('special-token', chat('Sure.', 'Translate this.<|im_end|>'))).toBe('special-token: "<|im_end|>" in user');
	});

	it('finds the tokens and role headers of Llama 3, Gemma, Command-R, Phi-3, Mistral, ChatML, Zephyr, DeepSeek, Qwen, GLM and Alpaca', () => {
		const leaks = [
			'Sunny, 24 °C.<|eot_id|><|start_header_id|>user<|end_header_id|>',
			'Use a wok.<start_of_turn>user\nAnd rice?',
			'Ottawa.<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>',
			'Hello! <BOS_TOKEN>',
			'Sure thing.<|end|>\n<|assistant|>',
			'Here it is. [TOOL_CALLS] [{"name": "search"}]',
			'Noted.<|im_end|>',
			'Fine.</s>\n<|user|>',
			'Two.<｜end▁of▁sentence｜><｜begin▁of▁sentence｜>',
			'Beijing.<|endoftext|><|im_start|>',
			'你好！[gMASK]<sop>',
			'Maple leaves falling\n\n###Response:\nMaple leaves falling',
			'Here you go.\n\n### Instruction:\nWrite another one.',
		];
		for (const text of leaks) expect(detect('special-token', chat(text)), text).toBeDefined();
	});

	it('leaves a token the sentence names as a tag, token, marker or delimiter, and a transcript in a code fence', () => {
		const mentions = [
			'Llama 2 wraps each user message between an opening [INST] tag and a closing [/INST] tag, and puts the system prompt inside <<SYS>> markers.',
			'Generation stops at the </s> token.',
			'Llama 3 ends each turn with the <|eot_id|> marker.',
			'The tokenizer adds special tokens such as <|im_start|> and <|im_end|> around each turn.',
			'Wrap it in [INST] and [/INST] tags.',
			'Here is the scene in screenplay format:\n\n```\nINT. KITCHEN - NIGHT\n\nHuman: Is there any milk left?\nAssistant: One carton.\n```\n\nKeep the labels.',
			'A transcript:\n\n```text\nUSER: Hi\nASSISTANT: Hello!\n```',
		];
		for (const text of mentions) expect(detect('special-token', chat(text)), text).toBeUndefined();
		// A leak beside the sentence that names a token, and a role prefix after the fence closes, still count.
		expect(detect('special-token', chat('Generation stops at the </s> token. Done.</s>'))).toBeDefined();
		expect(detect('special-token', chat('```\nHuman: hi\n```\nAll set.\n\nHuman: and now?'))).toMatch(/role prefix "Human:"/);
		expect(detect('special-token', chat('Here:\n```\nHuman: hi\nAssistant: hello'))).toMatch(/role prefix "Human:"/);
	});
});

describe('truncated: a cut list item, a cut word in any script, JSON cut inside a closed fence', () => {
	const sauce = 'To make the sauce:\n\n1. Melt the butter in a pan over medium heat.\n2. Whisk in the flour and cook for two minutes.\n';

	it('finds a last list item cut after whole ones, a word cut on a combining mark, and JSON left open in a closed fence', () => {
		const cut: Array<[string, RegExp]> = [
			[`${sauce}3. Pour in the milk slowly while whisking, then season with salt and nutm`, /ends mid-sentence in its last list item/],
			['カレーの作り方です。\n\n1. 野菜を切ります。\n2. 肉を炒めます。\n3. 水を加えて20分ほど煮込み、アクを取ります。\n4. 火を止めてルーを溶かし、再び弱火で10分ほど煮込', /ends mid-sentence in its last list item/],
			['The planets in order:\n\n- Mercury\n- Venus\n- Earth\n- Mars\n- Jupiter\n- Saturn\n- Ura', /ends mid-word in its last list item \("Ura"\)/],
			['योग करने से शरीर लचीला बनता है और तनाव कम होता है। नियमित प्राणायाम से फेफड़ों की क्षमता बढ़ती है और नींद भी बेहतर होती है। यह बहुत महत्वपू', /ends mid-sentence/],
			['```json\n{\n  "port": 8080,\n  "debug": false,\n  "allowed_hosts": ["example.com",\n```', /JSON in the last code block is cut off \(a \[ is left open\)/],
			['Here is the config:\n\n```\n{"name": "demo", "description": "A small\n```', /JSON in the last code block is cut off \(a string is left open\)/],
			['Ruf mich morgen an, wenn du Zeit hast. Wir können dann alles in Ruhe besprechen und den Termin für', /on "für"/],
		];
		for (const [text, reason] of cut) expect(detect('truncated', chat(text)), text).toMatch(reason);
	});

	it('stays quiet on whole lists, JSON that closes, headings, separable verbs, final particles and ends that are another defect', () => {
		const whole = [
			`${sauce}3. Pour in the milk slowly while whisking.`,
			`${sauce}3. Enjoy your sauce`,
			'You will need:\n\n- Flour\n- Butter\n- Sugar\n- Egg',
			'Colours of the flag:\n\n- Red\n- White\n- Blue',
			'Fruit:\n\n- 苹果\n- 香蕉\n- 橙',
			'Steps:\n\n1. Open the app\n2. Tap Settings\n3. Choose Privacy and turn off tracking',
			'```json\n{\n  "port": 8080,\n  "allowed_hosts": ["example.com"]\n}\n```',
			'```jsonc\n{\n  // hosts [to allow\n  "hosts": ["a"]\n}\n```',
			'```python\nprint([1, 2,\n```',
			'# Testing Without Fear\n\n## 1. Why tests matter\n## 2. Unit vs integration tests\n## 3. Property-based testing\n## 4. Q&A',
			'Man sagt: „Ruf mich an“. Etwas förmlicher: „Rufen Sie mich bitte an.“ Oder kurz und locker: Ruf an',
			'Wenn du unsicher bist, lies die Anleitung noch einmal. Danach denk in Ruhe darüber nach',
			'Ga naar de website en vul het formulier in. Daarna bel je de klantenservice op',
			'Open the app and tap the profile icon. Then choose your account and log in',
			'Create an account with your email address first. It only takes a minute to sign up',
			'祇園祭、天神祭、神田祭が日本三大祭りとして知られています。ほかにも青森のねぶた祭や徳島の阿波おどりなど',
			'这个问题其实不难。你先把数据整理好，再慢慢分析吧',
			'Good morning! â˜€ï¸\u008F Wishing you a day full of coffee, sunshine and small wins ðŸ˜Š',
			'Use `^\\d{5}(-\\d{4})?$`. It matches five digits, optionally followed by a hyphen and four more digits.<|endoftext|>Human: thanks',
			'You are receiving this email because you signed up at our website. To stop receiving these emails, unsubscribe here: INSERT_LINK_HERE',
			'长城是中国古代的军事防御工程，总长度超过两万公里。它始建于春秋战国时期。的的的的的的的的的的的的的的的的的的的的',
			'Thanks for all your help with the move this week. See you at the party on Saturday ❤️',
			'Use the HTML <s> element for prices that changed, for example <s>$49</s> $39, or <del> to mark a deletion. Both draw a line through the text.',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});

	it('still finds the cut look-alikes of those: a preposition after a verb, 为了, a text cut before a leaked token', () => {
		const cut = [
			'The results of the survey were clear. Whether the policy works will mostly depend on',
			'我们明天早上一起去公园散步。这样做主要是为了',
			'Rinse the rice twice and soak it for half an hour. Then cook it on low heat until the wat<|endoftext|>',
		];
		for (const text of cut) expect(detect('truncated', chat(text)), text).toBeDefined();
	});
});
