import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// Defects written in many scripts and shapes no list names, and the look-alikes that share their
// characters: template holes, cuts, mojibake and leaked tokens.


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

	/** Chinese, Japanese and Korean of many kinds: news, recipes, poems, law, chat, code, traditional and rare characters, half-width kana. */
	const cjk = [
		'长城是中国古代的军事防御工程，东起山海关，西至嘉峪关，全长两万多公里。今天我们看到的大部分城墙是明朝修建的，用砖石砌成。',
		'人工智能是计算机科学的一个分支，研究如何让机器完成需要人类智能的任务。近年来，深度学习推动了人工智能的快速发展。',
		'红烧肉的做法：五花肉切块，冷水下锅焯水，捞出沥干。锅中放少许油和冰糖，小火炒出糖色，再放入肉块翻炒上色，加入生抽、老抽、料酒和热水，大火烧开后转小火炖一个小时，最后大火收汁即可。',
		'床前明月光，疑是地上霜。举头望明月，低头思故乡。白日依山尽，黄河入海流。欲穷千里目，更上一层楼。',
		'第一条 为了规范合同行为，保护合同当事人的合法权益，维护社会经济秩序，制定本法。第二条 本法所称合同是平等主体的自然人、法人、其他组织之间设立、变更、终止民事权利义务关系的协议。',
		'哈哈，我今天终于把论文交上去了！累死了，晚上一起去吃火锅吧？我请客～记得叫上小王和小李。',
		'在Python中，可以使用pip install numpy安装NumPy库。NumPy提供了高效的多维数组对象ndarray，以及大量的数学函数。',
		'臺灣位於東亞，首都是臺北市。這裡的夜市文化非常有名，遊客可以品嚐到蚵仔煎、珍珠奶茶和鹽酥雞等道地小吃。',
		'根据国家统计局发布的数据，2023年全国居民人均可支配收入为39218元，比上年名义增长6.3%，扣除价格因素，实际增长6.1%。',
		'鍾離春、龔自珍、嚴復、鄧稼先、錢鍾書、聶耳、蕭紅：這些名字都出現在課本裡。',
		'東京は日本の首都で、約1400万人が住んでいます。江戸時代には江戸と呼ばれ、徳川幕府が置かれていました。',
		'お問い合わせいただきありがとうございます。ご注文の商品は本日発送いたしました。お届けまでは通常二日から三日ほどかかります。',
		'このアプリケーションでは、ユーザーがログインすると、ダッシュボードにリアルタイムのデータが表示されます。セキュリティのため、パスワードは定期的に変更してください。',
		'ｶﾀｶﾅのﾃｷｽﾄは半角で書かれることもあります。ﾗｰﾒﾝ、ｺｰﾋｰ、ﾊﾟｿｺﾝなど。',
		'古池や蛙飛び込む水の音。夏草や兵どもが夢の跡。閑さや岩にしみ入る蝉の声。',
		'第一条　この法律は、国民の健康の保持増進に寄与することを目的とする。第二条　国及び地方公共団体は、必要な措置を講ずるよう努めなければならない。',
		'えー、まじで？明日の飲み会、行けなくなっちゃった…ごめんね！また今度誘ってね〜',
		'鶏肉を一口大に切り、醤油、みりん、酒、砂糖を合わせたタレに漬け込みます。フライパンで皮目からじっくり焼き、最後にタレを絡めて照り焼きにします。',
		'서울은 대한민국의 수도이며 약 천만 명이 살고 있습니다. 조선 시대에는 한양이라고 불렸습니다.',
		'鬱、薔薇、檸檬、憂鬱、麒麟、醤油、蝋燭、顰蹙、齟齬、魑魅魍魎といった難しい漢字も日常で使われる。',
	];
	/** The text's UTF-8 read in another encoding, with what that encoding could not read dropped (as `errors="ignore"` does). */
	const misread = (text: string, encoding: string) => decode(text, encoding).replaceAll('\uFFFD', '');

	it('UTF-8 read as GBK, Shift-JIS or CP949 fires; correct Chinese, Japanese and Korean does not', () => {
		for (const text of cjk) expect(detect('mojibake', chat(text)), text).toBeUndefined();
		for (const text of cjk.slice(0, -2)) {
			expect(detect('mojibake', chat(misread(text, 'gbk'))), misread(text, 'gbk')).toMatch(/UTF-8 read as GBK/);
			expect(detect('mojibake', chat(misread(text, 'shift_jis'))), misread(text, 'shift_jis')).toMatch(/UTF-8 read as Shift-JIS/);
		}

		expect(detect('mojibake', chat('杩欐湰涔﹀緢濂界湅，娴嬭瘯瀛︿範澶╂皵寰堝ソ。推荐给初学者。'))).toBe('mojibake: "杩欐湰涔﹀" in assistant (UTF-8 read as GBK)');
		expect(detect('mojibake', chat('縺薙ｓ縺ｫ縺｡縺ｯ！ 譚ｱ莠ｬ縺ｮ繝ｩ繝ｼ繝｡繝ｳ縺ｨ莠ｬ驛ｽ縺ｮ蟇ｿ蜿ｸ縺後♀縺吶☆繧√〒縺吶。'))).toMatch(/UTF-8 read as Shift-JIS/);
		expect(detect('mojibake', chat('Reply: 浣犲ソ'))).toMatch(/"浣犲ソ".*GBK/);
		expect(detect('mojibake', chat(misread('서울은 대한민국의 수도이며 약 천만 명이 살고 있습니다.', 'euc-kr')))).toMatch(/UTF-8 read as CP949/);
	});

	it('UTF-8 read as Big5 fires, the bytes Big5 cannot read dropped or replaced; correct Traditional Chinese does not', () => {
		const hant = [
			'臺灣位於東亞，首都是臺北市。這裡的夜市文化非常有名，遊客可以品嚐到蚵仔煎、珍珠奶茶和鹽酥雞等道地小吃。',
			'鍾離春、龔自珍、嚴復、鄧稼先、錢鍾書、聶耳、蕭紅：這些名字都出現在課本裡。',
			'這本書很好看，推薦給初學者。',
			'香港是國際金融中心，擁有完善的法律制度。',
			'请问这本书多少钱？我想买两本送给朋友。',
		];
		for (const text of hant) {
			expect(detect('mojibake', chat(misread(text, 'big5'))), misread(text, 'big5')).toMatch(/UTF-8 read as Big5\)$/);
			expect(detect('mojibake', chat(text)), text).toBeUndefined();
		}

		// The whole garbled run is quoted ("詨憟賜嚗衣策飛" for 這本書很好看，推薦給初學者。).
		const garbled = misread('這本書很好看，推薦給初學者。', 'big5');
		// (Big5 passes the byte 80 through as U+0080, which ends the run.)
		expect(detect('mojibake', chat(`Reply: ${garbled} OK?`))).toBe(`mojibake: "${garbled.replace(/\u0080$/, '')}" in assistant (UTF-8 read as Big5)`);
		// Kept as U+FFFD, the lost bytes are reported as such.
		expect(detect('mojibake', chat(decode('這本書很好看，推薦給初學者。', 'big5')))).toMatch(/U\+FFFD/);
	});

	it('random Traditional Chinese, of its common characters or of any Big5 holds, never reads as garbled Big5', () => {
		const decodeBig5 = new TextDecoder('big5');
		// Big5's level-1 (frequent) characters, A440–C67E, and every character it holds.
		const frequent: string[] = [];
		const any: string[] = [];
		for (let lead = 0x81; lead <= 0xFE; lead++) {
			for (let trail = 0x40; trail <= 0xFE; trail++) {
				if (trail > 0x7E && trail < 0xA1) continue;
				const character = decodeBig5.decode(Uint8Array.of(lead, trail));
				if ([...character].length !== 1 || character === '\uFFFD') continue;
				any.push(character);
				if ((lead << 8 | trail) >= 0xA4_40 && (lead << 8 | trail) <= 0xC6_7E) frequent.push(character);
			}
		}

		const punctuation = ['，', '。', '、', '？', '！', '「', '」', '：', ' ', '1', 'a'];
		const text = (pool: string[]) => fc.array(fc.oneof({weight: 9, arbitrary: fc.constantFrom(...pool)}, {weight: 1, arbitrary: fc.constantFrom(...punctuation)}), {maxLength: 60}).map(characters => characters.join(''));
		// The Big5 test, that is (GBK's rule reads a few random strings of hanzi as garbled: about one in 5,000).
		fc.assert(fc.property(text(frequent), sample => {
			expect(detect('mojibake', chat(sample)) ?? '').not.toMatch(/Big5/);
		}), {numRuns: 3000});
		// Rare characters (HKSCS, level 2) make runs of UTF-8-like bytes likelier: a fixed seed keeps this one repeatable.
		fc.assert(fc.property(text(any), sample => {
			expect(detect('mojibake', chat(sample)) ?? '').not.toMatch(/Big5/);
		}), {numRuns: 3000, seed: 20_261_205});
	});

	it('KOI8-R read as Windows-1251 and the reverse fire; Cyrillic in capitals does not', () => {
		expect(detect('mojibake', chat('рТЙЧЕФ! х НЕОС ЧУЈ ИПТПЫП, УРБУЙВП.'))).toMatch(/KOI8-R read as Windows-1251/);
		const koi8 = (text: string) => Buffer.from([...text].map(character => (character.charCodeAt(0) < 0x80 ? character.charCodeAt(0) : [...new TextDecoder('koi8-r').decode(Uint8Array.from({length: 128}, (_, index) => index + 0x80))].indexOf(character) + 0x80)));
		expect(detect('mojibake', chat(new TextDecoder('windows-1251').decode(koi8('Спасибо за заказ, посылка уже в пути.'))))).toMatch(/KOI8-R read as Windows-1251/);
		const capitals = [
			'ВНИМАНИЕ! ПРОДАЖА АЛКОГОЛЯ ЛИЦАМ МЛАДШЕ 18 ЛЕТ ЗАПРЕЩЕНА. СПАСИБО ЗА ПОНИМАНИЕ.',
			'ДОГОВОР КУПЛИ-ПРОДАЖИ КВАРТИРЫ. СТОРОНЫ ДОГОВОРИЛИСЬ О СЛЕДУЮЩЕМ',
			'ОСТОРОЖНО, ДВЕРИ ЗАКРЫВАЮТСЯ! СЛЕДУЮЩАЯ СТАНЦИЯ — ПАРК КУЛЬТУРЫ.',
			'ЁЖИК В ТУМАНЕ. ЭХО. ЩУКА. ЮЛА. ФЕЙЕРВЕРК.',
			'КИЇВ — СТОЛИЦЯ УКРАЇНИ, НАЙБІЛЬШЕ МІСТО КРАЇНИ.',
			'СОФИЯ Е СТОЛИЦАТА НА БЪЛГАРИЯ И НАЙ-ГОЛЕМИЯТ ГРАД В СТРАНАТА.',
			'БЕОГРАД ЈЕ ГЛАВНИ ГРАД СРБИЈЕ И НАЈВЕЋИ ГРАД У ЗЕМЉИ.',
			'МІНСК — СТАЛІЦА БЕЛАРУСІ, ВЯЛІКІ І ПРЫГОЖЫ ГОРАД.',
			'АЛМАТЫ — ҚАЗАҚСТАННЫҢ ЕҢ ІРІ ҚАЛАСЫ.',
			'УЛААНБААТАР ХОТ БОЛ МОНГОЛ УЛСЫН НИЙСЛЭЛ ЮМ.',
			'СССР, США, ФРГ, ГДР и КНДР подписали соглашение.',
		];
		for (const text of capitals) expect(detect('mojibake', chat(text)), text).toBeUndefined();
	});

	it('a user who asks about garbled characters, or sets them beside the right ones, mentions them', () => {
		expect(detect('mojibake', chat('That is UTF-8 opened as Windows-1252.', 'Why do I see Ã© instead of é in my CSV?'))).toBeUndefined();
		expect(detect('mojibake', chat('Re-save it as UTF-8.', 'What are these Ã¶ characters in my export?'))).toBeUndefined();
		expect(detect('mojibake', chat('Open it as UTF-8.', 'My names show up as JosÃ© and RenÃ© in the report.'))).toBeUndefined();
		// Garbled text the user pastes, or a question in an answer, still counts.
		expect(detect('mojibake', chat('Sure.', 'Translate: The cafÃ© opens at nine.'))).toMatch(/in user/);
		expect(detect('mojibake', chat('Is the cafÃ© open on Sundays?'))).toBeDefined();
		expect(detect('mojibake', chat('Sure.', 'Why is it closed? The cafÃ© opens at nine.'))).toMatch(/in user/);
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
			['The planets in order:\n\n- Mercury.\n- Venus.\n- Earth.\n- Mars.\n- Jupiter.\n- Saturn.\n- Ura', /ends mid-word in its last list item \("Ura"\)/],
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
