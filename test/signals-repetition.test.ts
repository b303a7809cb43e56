import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';
import {markTandemRepeats} from '../source/dataset/signals/tandem.js';
import {tokenize} from '../source/dataset/signals/text.js';
import {repetitionWords} from '../source/dataset/signals/word-units.js';
import {fewUnits, nearRepeatedUnits} from '../source/dataset/signals/near-lines.js';
import {linesOf, sentencesOf} from '../source/dataset/signals/repeated-units.js';

// Degenerate loops and the intended repetition that looks like them (refrains, choruses, code,
// reference lists), hand-written in several scripts: the loops must be found, the rest left alone.

const detector = sampleSignals.find(signal => signal.name === 'repetition')!.make(defaultSignalConfig);
const chat = (assistant: string) => ({messages: [{role: 'user', content: 'Please answer.'}, {role: 'assistant', content: assistant}]});
const detect = (response: string) => detector(sampleText(chat(response)));
const times = (text: string, count: number, separator = '') => Array.from({length: count}, () => text).join(separator);

/** Ordinary answers: each script's everyday prose, a topic named several times. */
const prose = {
	zh: '长城是中国古代的军事防御工程，东起山海关，西至嘉峪关，全长两万多公里。它最早修建于春秋战国时期，秦始皇统一六国后把各国的城墙连接起来。今天我们看到的大部分城墙是明朝修建的，用砖石砌成，比早期的夯土城墙坚固得多。长城不仅是一道城墙，还包括烽火台、关隘和驻军的城堡。1987年，长城被列入世界文化遗产名录。每年都有数百万游客前来参观，其中八达岭和慕田峪是最受欢迎的景点。',
	zhTopic: '人工智能是计算机科学的一个分支，研究如何让机器完成需要人类智能的任务。人工智能的应用非常广泛，包括语音识别、图像识别和自然语言处理。近年来，深度学习推动了人工智能的快速发展。不过，人工智能也带来了一些问题，比如隐私保护和就业影响。专家认为，人工智能的发展需要法律和伦理的规范。总的来说，人工智能将深刻改变我们的生活方式，我们需要认真思考人工智能的未来。',
	ja: '東京は日本の首都で、約1400万人が住んでいます。江戸時代には江戸と呼ばれ、徳川幕府が置かれていました。1868年の明治維新の後、天皇が京都から移り、東京と名付けられました。現在の東京は、政治や経済の中心であるだけでなく、文化の発信地としても知られています。浅草寺のような古いお寺と、渋谷や新宿のような近代的な街が共存しているのが魅力です。交通機関も発達しており、電車や地下鉄で簡単に移動できます。',
	jaPolite: 'お問い合わせいただきありがとうございます。ご注文の商品は本日発送いたしました。お届けまでは通常二日から三日ほどかかります。配送状況は、お送りした追跡番号からご確認いただけます。商品に不具合がございましたら、お手数ですがカスタマーサポートまでご連絡ください。今後ともどうぞよろしくお願いいたします。',
	ko: '서울은 대한민국의 수도이며 약 천만 명이 살고 있습니다. 조선 시대에는 한양이라고 불렸고, 600년 넘게 나라의 중심 역할을 해 왔습니다. 한강이 도시를 가로질러 흐르며, 강을 따라 공원과 자전거 도로가 잘 정비되어 있습니다. 경복궁과 창덕궁 같은 궁궐은 옛 모습을 잘 보여 주고, 강남과 여의도에는 현대적인 고층 건물이 모여 있습니다. 지하철이 잘 발달되어 있어 대부분의 장소에 쉽게 갈 수 있습니다.',
	th: 'กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย มีประชากรประมาณสิบล้านคน แม่น้ำเจ้าพระยาไหลผ่านกลางเมือง และเคยเป็นเส้นทางคมนาคมหลักในอดีต วัดพระแก้วและพระบรมมหาราชวังเป็นสถานที่ท่องเที่ยวที่มีชื่อเสียง นักท่องเที่ยวจำนวนมากมาเที่ยวตลาดน้ำและย่านเยาวราชเพื่อชิมอาหารริมทาง ปัจจุบันกรุงเทพฯ มีรถไฟฟ้าหลายสายที่ช่วยให้การเดินทางสะดวกขึ้นมาก',
	ru: 'Москва — столица России и крупнейший город страны, в ней живёт более двенадцати миллионов человек. Город был впервые упомянут в летописи в 1147 году. В центре Москвы находится Кремль, окружённый красной кирпичной стеной, а рядом с ним — Красная площадь и собор Василия Блаженного. Московское метро считается одним из самых красивых в мире: многие станции украшены мозаикой и скульптурами. Летом жители часто гуляют в парке Горького и на набережных Москвы-реки.',
	ar: 'القاهرة هي عاصمة مصر وأكبر مدنها، ويعيش فيها أكثر من عشرين مليون نسمة. تقع المدينة على ضفاف نهر النيل، وقد تأسست في القرن العاشر الميلادي. تضم القاهرة كثيرًا من المعالم التاريخية، مثل الجامع الأزهر وقلعة صلاح الدين وشارع المعز. وعلى مقربة منها تقع أهرامات الجيزة وأبو الهول، وهي من أشهر المواقع الأثرية في العالم. يزور المدينة ملايين السياح كل عام للتعرف على تاريخها العريق.',
	en: 'Inflation is a general rise in prices across an economy. Central banks usually respond by raising interest rates, which makes borrowing more expensive and slows spending. Over time, demand cools and price growth eases, although the effect can take a year or more to show up in the data. Governments can help by keeping their own spending in check.',
};

/** One sentence and a cycle of three per script, as a looping model writes them (the script's own sentence ends). */
const loops = {
	zh: {sentence: '这家餐厅的菜非常好吃。', cycle: ['我们先去公园散步。', '然后去超市买东西。', '最后回家做晚饭。']},
	ja: {sentence: 'この街はとても静かで住みやすいです。', cycle: ['朝はコーヒーを飲みます。', 'それから駅まで歩きます。', '電車で会社に行きます。']},
	ko: {sentence: '이 영화는 정말 재미있습니다. ', cycle: ['아침에 커피를 마십니다. ', '그리고 역까지 걸어갑니다. ', '지하철로 회사에 갑니다. ']},
	th: {sentence: 'อาหารไทยมีรสชาติที่เข้มข้นมาก ', cycle: ['ตอนเช้าฉันดื่มกาแฟ ', 'จากนั้นเดินไปที่สถานี ', 'แล้วนั่งรถไฟไปทำงาน ']},
	ru: {sentence: 'Это очень важный вопрос для нашей команды. ', cycle: ['Утром я пью кофе. ', 'Потом иду на станцию. ', 'На поезде еду на работу. ']},
	ar: {sentence: 'هذا سؤال مهم جدا بالنسبة لفريقنا. ', cycle: ['في الصباح أشرب القهوة. ', 'ثم أمشي إلى المحطة. ', 'وأركب القطار إلى العمل. ']},
	en: {sentence: 'This is a very important question for our team. ', cycle: ['In the morning I drink coffee. ', 'Then I walk to the station. ', 'I take the train to work. ']},
};

const scripts = Object.keys(loops) as Array<keyof typeof loops>;

describe('repetition: loops in every script', () => {
	for (const script of scripts) {
		const {sentence, cycle} = loops[script];
		const opening = prose[script].slice(0, 40);
		it(`${script}: a sentence repeated on one line until the length limit, cut mid-sentence`, () => {
			const text = `${opening}${times(sentence, 40)}`.slice(0, 600).trim();
			expect(detect(text)).toBeDefined();
		});

		it(`${script}: a cycle of three sentences repeated`, () => {
			expect(detect(`${opening}${times(cycle.join(''), 6)}`.trim())).toBeDefined();
		});

		it(`${script}: a paragraph repeated five times`, () => {
			const paragraph = prose[script].slice(0, 120);
			expect(detect(times(paragraph, 5, '\n\n'))).toBeDefined();
		});

		it(`${script}: a list item repeated twenty times, numbered or not`, () => {
			const item = cycle[0].trim();
			expect(detect(`${cycle[1].trim()}\n${Array.from({length: 20}, (_, index) => `${index + 1}. ${item}`).join('\n')}`)).toBeDefined();
			expect(detect(`${cycle[1].trim()}\n${times(`- ${item}`, 20, '\n')}\n- ${cycle[2].trim()}`)).toBeDefined();
		});

		it(`${script}: ordinary prose is not a loop`, () => {
			expect(detect(prose[script])).toBeUndefined();
		});
	}

	it('zh and ja: a loop of sentences with no line break is found by its sentences and by its characters', () => {
		const zh = `长城是中国古代的军事防御工程。${times('它是世界上最伟大的建筑之一。', 10)}`;
		expect(detect(zh)).toMatch(/^repetition: \d+% of the response is repeated 10-character runs$/);
		const clause = `${times('我觉得这个问题很有意思，', 15)}。`;
		expect(detect(clause)).toBeDefined();
		// Too short for the character rules (under 20 characters): the sentences alone find it.
		expect(detect('好的。好的。好的。好的。')).toMatch(/repeated sentences|sentences repeat/);
	});

	it('stuttering words in English, Russian, Arabic, Chinese and Japanese, and a laugh that goes on', () => {
		expect(detect(`A joist is a horizontal member that supports a floor. It spans ${times('the ', 30)}space between beams.`)).toBeDefined();
		expect(detect(`Балка — это горизонтальный элемент перекрытия. Она опирается ${times('на ', 30)}стены дома.`)).toBeDefined();
		expect(detect(`العارضة عنصر أفقي يحمل الأرضية. وهي ممتدة ${times('في ', 30)}المسافة بين الجدران.`)).toBeDefined();
		expect(detect(`这个问题${times('非常', 30)}重要，我们需要认真考虑。`)).toBeDefined();
		expect(detect(`この問題は${times('とても', 30)}大事です。`)).toBeDefined();
		// A loop inside one word, and a short laugh in a sentence.
		expect(detect(`Sure! Here you go: ${'ha'.repeat(80)}`)).toBeDefined();
		expect(detect('I laughed: hahahahahahahaha, it was funny. The rest of the evening was quiet and we all went home early after dinner.')).toBeUndefined();
	});

	it('a sentence repeated with a heading between copies, and a loop inside a code block, are still loops', () => {
		const paragraph = 'Thank you for contacting support. Your ticket has been escalated to our billing team, who will reply within two business days.';
		expect(detect(`Hello Dana,\n\n${[1, 2, 3, 4].map(day => `Day ${day}\n\n${paragraph}`).join('\n\n')}`)).toBeDefined();
		expect(detect(`Here is the loop:\n\n\`\`\`python\n${times('print("hello world")\n', 25)}\`\`\``)).toBeDefined();
	});
});

describe('repetition: a loop that mutates, a table that loops', () => {
	it('paragraphs or sentences repeated with a counter and one word changed each time (English, Chinese)', () => {
		const adjectives = ['small', 'tiny', 'little', 'minor', 'small', 'impulse', 'small'];
		const tips = adjectives.map((adjective, index) => `Tip ${index + 1}: Track every expense for a month, because once you see where your money goes it becomes much easier to cut the ${adjective} purchases that add up.`);
		expect(detect(`Here are some tips.\n\n${tips.join('\n\n')}`)).toMatch(/repeated lines|paragraphs repeat/);
		expect(detect(tips.join(' '))).toMatch(/repeated sentences|sentences repeat/);
		const zh = ['苹果', '香蕉', '橙子', '葡萄', '西瓜', '草莓'].map((fruit, index) => `第${index + 1}条：每天早上吃一个${fruit}，可以帮助身体补充维生素，让你一整天都精力充沛。`);
		expect(detect(zh.join('\n\n'))).toBeDefined();
	});

	it('a table whose rows are whole copies, or a loop beside a table', () => {
		const row = '| Monday | Vitamin D 1000 IU | Magnesium 200 mg |';
		expect(detect(`| Day | Morning | Evening |\n|---|---|---|\n${times(`${row}\n`, 12)}`)).toMatch(/repeated lines/);
		const paragraph = 'Thank you for contacting support. Your ticket has been escalated to our billing team, who will reply within two business days.';
		expect(detect(`| Plan | Price |\n|---|---|\n| Basic | $5 |\n| Pro | $15 |\n\n${times(paragraph, 5, '\n\n')}`)).toBeDefined();
	});
});

describe('repetition: intended repetition is not a loop', () => {
	it('a table with the same cells in every row, only the first differing (a weekly schedule)', () => {
		const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
		const schedule = `| Day | Morning | Evening |\n|---|---|---|\n${days.map(day => `| ${day} | Vitamin D 1000 IU | Magnesium 200 mg |`).join('\n')}\n\nTake vitamin D with breakfast, since it is absorbed better with some fat.`;
		expect(detect(schedule)).toBeUndefined();
		const wide = `Day | Warm-up | Main set | Cool-down\n:--- | :---: | :---: | ---:\n${days.map(day => `${day} | 10 minutes of easy jogging | 5 x 400 m at race pace with 90 s rest | 10 minutes of stretching`).join('\n')}`;
		expect(detect(wide)).toBeUndefined();
	});

	it('paragraphs that share a template but differ in more than one word in eight', () => {
		const steps = 'Step 1: Preheat the oven to 180 °C and grease a round cake tin with butter.\n\nStep 2: Whisk the eggs and sugar together until the mixture is pale and fluffy.\n\nStep 3: Fold in the flour and the melted butter gently with a large metal spoon.\n\nStep 4: Pour the batter into the tin and bake for about thirty minutes until golden.';
		expect(detect(steps)).toBeUndefined();
		const twoAlike = '1. Click **Users**, then **Add user**, type the name and email, and press **Save**.\n2. Click **Add user** again, type the second name and email, and press **Save**.\n3. Click **Add user** again, type the third name and email, and press **Save**.\n\nEach new user receives an invitation email within a minute.';
		expect(detect(twoAlike)).toBeUndefined();
	});


	it('a poem with a refrain after each stanza (English, Chinese, Russian)', () => {
		const en = 'The tide comes in, the tide goes out,\nthe gulls are wheeling round about.\nAnd still the sea says: stay, stay, stay.\n\nThe boats come home, the nets are dry,\nthe lamps are lit against the sky.\nAnd still the sea says: stay, stay, stay.\n\nThe children sleep, the harbour\'s still,\nthe moon climbs up the western hill.\nAnd still the sea says: stay, stay, stay.';
		expect(detect(en)).toBeUndefined();
		const zh = '春风吹过小村庄，\n桃花开满山坡旁。\n我在等你回故乡。\n\n夏雨落在青石巷，\n荷叶轻摇水中央。\n我在等你回故乡。\n\n秋月照着旧门窗，\n落叶铺满小路长。\n我在等你回故乡。';
		expect(detect(zh)).toBeUndefined();
		const ru = 'Шумит над речкой старый лес,\nи тучи тянутся с небес.\nА я всё жду тебя домой.\n\nЗа полем гаснет алый свет,\nи на снегу ни звука нет.\nА я всё жду тебя домой.\n\nВесной опять звенит капель,\nи вьётся птица у дверей.\nА я всё жду тебя домой.';
		expect(detect(ru)).toBeUndefined();
	});

	it('song lyrics with a chorus between the verses, and a chorus line sung twice (English, Korean)', () => {
		expect(detect('Light the fire, sing it higher,\nfriends around the flame.\nLight the fire, sing it higher,\nno two nights the same.')).toBeUndefined();
		const chorus = 'Oh the night is young\nand the song is not done\nso we dance till the sun\ncomes up over the town';
		const song = `[Verse 1]\nWalking down the empty street\nhear the rhythm of my feet\nall the windows dark and deep\nthe city falling fast asleep\n\n[Chorus]\n${chorus}\n\n[Verse 2]\nEvery corner tells a tale\nof the ones who tried and failed\nbut tonight we will not fail\nwith the moon above the rail\n\n[Chorus]\n${chorus}\n\n[Verse 3]\nWhen the morning finds us here\nall the echoes disappear\nand the only thing that's clear\nis the music in our ears\n\n[Chorus]\n${chorus}`;
		expect(detect(song)).toBeUndefined();
		const ko = '[1절]\n밤하늘에 별이 빛나고\n바람이 조용히 불어와\n\n[후렴]\n우리 함께 노래해\n이 밤이 끝날 때까지\n\n[2절]\n골목길에 불이 켜지고\n친구들이 하나둘 모여\n\n[후렴]\n우리 함께 노래해\n이 밤이 끝날 때까지';
		expect(detect(ko)).toBeUndefined();
	});

	it('a short poem or song whose refrain line comes back two or three times, back to back or not (English, Spanish, Chinese, Japanese)', () => {
		const short = [
			'Happy birthday to you,\nhappy birthday to you,\nhappy birthday, dear Sam,\nhappy birthday to you!',
			'The sea is calling me home\nThe sea is calling me home\nThe sea is calling me home\nAnd I will answer soon',
			'Row, row, row your boat\nRow, row, row your boat\nGently down the stream\nRow, row, row your boat',
			'Rain on the roof tonight\nsoft as a lullaby\nRain on the roof tonight\ncarry the dark away\nRain on the roof tonight\nmorning is on its way',
			'Verse:\nWalking down the road alone\nlooking for a place called home\n\nChorus:\nOh, we will sing it loud\nOh, we will sing it loud\n\nVerse:\nEvery step a memory\nevery mile a melody\n\nChorus:\nOh, we will sing it loud\nOh, we will sing it loud',
			'Canta, canta, corazón,\ncanta, canta, corazón,\nque la noche ya se fue\ny amanece la canción.\nCanta, canta, corazón.',
			'月亮照着小河流，\n月亮照着小河流，\n妈妈唱歌我点头，\n月亮照着小河流。',
			'さくら さくら\nやよいの空は\nさくら さくら\n見わたすかぎり',
		];
		for (const text of short) expect(detect(text), text).toBeUndefined();
		// Four copies of a line, a loop inside a refrain's line, or a long line repeated are still loops.
		expect(detect('Sure, here it is.\nThe answer is 42.\nThe answer is 42.\nThe answer is 42.\nThe answer is 42.')).toBeDefined();
		expect(detect('Sing along now\nla la la la la la la la la la la la la la la la la la la la la la la la la la\nSing along now\nthe end')).toBeDefined();
		const long = 'Central banks usually respond to inflation by raising interest rates, which makes borrowing more expensive and slows spending across the economy.';
		expect(detect(`${long}\n${long}\n${long}\nThat is the whole story.`)).toBeDefined();
	});

	it('a refrain sung after each new line, however often; the same lines cycling, or back to back, are loops', () => {
		const poems = [
			'In the morning by the sea, the gulls were calling out to me.\nAnd still I wait, and still I wait, for you to come back home.\nThe boats went out beyond the bay, the nets were heavy, grey and wet.\nAnd still I wait, and still I wait, for you to come back home.\nThe winter came with ice and snow, the harbour froze from shore to shore.\nAnd still I wait, and still I wait, for you to come back home.\nThe spring returned with softer rain, the fishermen went out again.\nAnd still I wait, and still I wait, for you to come back home.\nThe summer burned the fields to gold, the village told the tales of old.\nAnd still I wait, and still I wait, for you to come back home.',
			'Hoy el viento canta\nmi tierra, mi tierra\nla luna se levanta\nmi tierra, mi tierra\nel río no se cansa\nmi tierra, mi tierra\nla noche nos alcanza\nmi tierra, mi tierra\ny el alba nos abraza\nmi tierra, mi tierra',
		];
		for (const text of poems) expect(detect(text), text).toBeUndefined();
		// Two lines cycling, or the refrain twice in a row, with no new line between: loops.
		expect(detect('I am here.\nYou are there.\nI am here.\nYou are there.\nI am here.\nYou are there.\nI am here.\nYou are there.')).toBeDefined();
		expect(detect('Verse one goes here\nla la la la\nla la la la\nverse two goes here\nla la la la\nla la la la\nverse three goes here\nla la la la\nla la la la')).toBeDefined();
		// A line that comes back with only its number changed is not a new line: a model checking again and again.
		const checking = [5, 6, 7, 8, 9, 10, 11, 12].map(n => `The answer is ${n}.\nWait, let me check again.`).join('\n');
		expect(detect(checking)).toBeDefined();
		const counting = [2, 4, 6, 8, 10, 12].map(n => `${n}\nLet me recompute this carefully.`).join('\n');
		expect(detect(counting)).toBeDefined();
	});

	it('code with similar functions, fenced or not, and an explanation around it', () => {
		const getters = 'class Config:\n    def __init__(self, path):\n        self.path = path\n        self.data = {}\n\n    def get(self, key):\n        if key in self.data:\n            return self.data[key]\n        else:\n            return None\n\n    def get_int(self, key):\n        if key in self.data:\n            return int(self.data[key])\n        else:\n            return None\n\n    def get_bool(self, key):\n        if key in self.data:\n            return self.data[key] == "true"\n        else:\n            return None\n\n    def get_float(self, key):\n        if key in self.data:\n            return float(self.data[key])\n        else:\n            return None\n\n    def get_list(self, key):\n        if key in self.data:\n            return self.data[key].split(",")\n        else:\n            return None';
		expect(detect(`\`\`\`python\n${getters}\n\`\`\``)).toBeUndefined();
		expect(detect(`下面是一个带类型读取方法的配置类：\n\n\`\`\`python\n${getters}\n\`\`\`\n\n每个方法在键不存在时返回 None。`)).toBeUndefined();
		const handlers = 'document.getElementById("save").addEventListener("click", () => {\n  setStatus("saving");\n  send("save");\n});\ndocument.getElementById("load").addEventListener("click", () => {\n  setStatus("loading");\n  send("load");\n});\ndocument.getElementById("reset").addEventListener("click", () => {\n  setStatus("resetting");\n  send("reset");\n});';
		expect(detect(`Attach one handler per button:\n\n\`\`\`js\n${handlers}\n\`\`\``)).toBeUndefined();
		const inserts = Array.from({length: 12}, (_, index) => `INSERT INTO users (id, name, status) VALUES (${index + 1}, 'user${index + 1}', 'active');`).join('\n');
		expect(detect(`\`\`\`sql\n${inserts}\n\`\`\``)).toBeUndefined();
	});

	it('reference lists whose entries share a pattern but differ (English, Chinese)', () => {
		const en = 'The Eiffel Tower was completed in 1889 for the World\'s Fair and is 330 metres tall including antennas.\n\nReferences\n1. "Eiffel Tower facts". Paris Tourist Office. Retrieved 12 March 2021.\n2. "History of the tower". Paris Tourist Office. Retrieved 12 March 2021.\n3. "Visiting the summit". Paris Tourist Office. Retrieved 12 March 2021.\n4. "Tickets and prices". Paris Tourist Office. Retrieved 12 March 2021.\n5. "Lighting the tower". Paris Tourist Office. Retrieved 12 March 2021.\n6. "Gustave Eiffel biography". Paris Tourist Office. Retrieved 12 March 2021.';
		expect(detect(en)).toBeUndefined();
		const zh = '参考文献\n[1] 张伟. 中国古代建筑史[M]. 北京: 中国建筑工业出版社, 2015.\n[2] 李娜. 长城的修建与保护[M]. 北京: 中国建筑工业出版社, 2018.\n[3] 王强. 明代城墙研究[J]. 建筑学报, 2019.\n[4] 刘洋. 烽火台的结构与功能[J]. 建筑学报, 2020.\n[5] 陈静. 世界文化遗产保护[M]. 北京: 中国建筑工业出版社, 2021.';
		expect(detect(zh)).toBeUndefined();
	});

	it('lists, tables and FAQs whose lines share their words', () => {
		expect(detect('**Q: Do you ship abroad?**\nA: Yes, to 40 countries.\n\n**Q: How long does shipping take?**\nA: 3 to 5 business days.\n\n**Q: Can I return an item?**\nA: Yes, within 30 days.\n\n**Q: Do you offer gift wrap?**\nA: Yes, for $3.')).toBeUndefined();
		expect(detect('| Day | Open | Close |\n|---|---|---|\n| Monday | 9am | 5pm |\n| Tuesday | 9am | 5pm |\n| Wednesday | 9am | 5pm |\n| Thursday | 9am | 5pm |\n| Friday | 9am | 5pm |')).toBeUndefined();
		expect(detect(`Here are the users:\n${Array.from({length: 24}, (_, index) => `${index + 1},user${index + 1},active`).join('\n')}`)).toBeUndefined();
	});
});

describe('repetition: its parts', () => {
	it('each character of an unspaced script is a word, a word that is one pattern over and over is a word per repeat, other words stay whole', () => {
		const wordsOf = (text: string) => {
			const {words} = repetitionWords(tokenize(text));
			return Array.from({length: words.count}, (_, k) => words.text.slice(words.starts[k], words.starts[k] + words.lengths[k]));
		};

		expect(wordsOf('用chatgpt写代码 and test it')).toEqual(['用', 'chatgpt', '写', '代', '码', 'and', 'test', 'it']);
		expect(repetitionWords(tokenize('用ChatGPT写代码')).characters).toBe(4);
		expect(wordsOf('so hahahahahahah internationalization')).toEqual(['so', 'ha', 'ha', 'ha', 'ha', 'ha', 'ha', 'h', 'internationalization']);
		// The same word has the same hash, split or not.
		const {words} = repetitionWords(tokenize('ha hahahahahahaha'));
		expect(new Set(words.hashes).size).toBe(1);
		const english = tokenize('no change here');
		expect(repetitionWords(english).words).toBe(english);
	});

	it('back-to-back repeats are marked with their first copy; a refrain is not', () => {
		const marksOf = (ids: number[]) => {
			const previous = new Int32Array(ids.length);
			const last = new Map<number, number>();
			for (const [index, id] of ids.entries()) {
				previous[index] = last.get(id) ?? -1;
				last.set(id, index);
			}

			const marks = new Uint8Array(ids.length);
			markTandemRepeats(ids, ids.length, previous, marks);
			return [...marks].join('');
		};

		expect(marksOf([1, 2, 2, 2, 3])).toBe('01110');
		expect(marksOf([9, 1, 2, 3, 1, 2, 3, 1, 2, 3, 8])).toBe('01111111110');
		// A refrain: 5 comes back with new ids between.
		expect(marksOf([1, 2, 5, 3, 4, 5, 6, 7, 5])).toBe('000000000');
		// A block holding an id twice, written twice: found though the first candidate period is wrong.
		expect(marksOf([1, 2, 1, 3, 1, 2, 1, 3])).toBe('11111111');
	});
});

describe('repetition: a list whose numbers are its content, a song in short lines', () => {
	const plan = (days: number) => Array.from({length: days}, (_, index) => `Day ${index + 1}: Walk ${20 + index * 5} minutes at an easy pace and stretch for five minutes afterwards.`).join('\n');
	const wheels = "The wheels on the bus go round and round,\nRound and round, round and round.\nThe wheels on the bus go round and round,\nAll through the town.\n\nThe wipers on the bus go swish, swish, swish,\nSwish, swish, swish, swish, swish, swish.\nThe wipers on the bus go swish, swish, swish,\nAll through the town.\n\nThe horn on the bus goes beep, beep, beep,\nBeep, beep, beep, beep, beep, beep.\nThe horn on the bus goes beep, beep, beep,\nAll through the town.";

	it('is quiet on a plan that changes a counter and a number, and on a refrain-heavy song', () => {
		expect(detect(plan(5))).toBeUndefined();
		expect(detect(`Week plan:\n\n${plan(7)}\n\nDrink water before you set out.`)).toBeUndefined();
		expect(detect(wheels)).toBeUndefined();
	});

	it('still finds a counter with the same content, a long list that only counts, a song whose lines loop', () => {
		expect(detect(Array.from({length: 6}, (_, index) => `Day ${index + 1}: Walk 20 minutes at an easy pace and stretch for five minutes afterwards.`).join('\n'))).toBeDefined();
		expect(detect(plan(14))).toBeDefined();
		expect(detect(`${wheels}\n${times('All through the town.\n', 8)}`)).toBeDefined();
		expect(detect(`Row, row, row your boat\n${times('Swish swish swish swish swish swish swish swish swish swish swish swish swish swish swish', 3, ' ')}\nGently down the stream\nMerrily merrily\nLife is but a dream\nRow row\nRow your boat\nDown the stream`)).toBeDefined();
	});
});

describe('near-repeated lines: the cheap gate', () => {
	const unitsOf = (response: string) => {
		const lines = linesOf(response);
		return (lines.length >= 4 ? lines : sentencesOf(response)).length;
	};

	it('rules a response out exactly when it cannot have five lines or five sentences', () => {
		const responses = [
			// Many full stops, none ending a sentence: ruled out before any unit is cut out.
			'Version 1.2.3 of the tool (e.g. the one in v2.0.1) needs Node 20.1.0, i.e. a new one.',
			'Pi is 3.14159, e is 2.71828, phi is 1.61803 and sqrt(2) is 1.41421...',
			'One. Two. Three. Four.',
			'One. Two. Three. Four. Five.',
			'One.\nTwo.\nThree.\nFour.\nFive.',
			'a\n\n\nb\n\n\nc\n\n\nd',
			'a\n\n\nb\n\n\nc\n\n\nd\ne',
			'一つ。二つ。三つ。四つ。五つ。',
			'Wait… what… really… no… yes… ok',
			'هل هذا صحيح؟ نعم؟ لا؟ ربما؟ أبدا؟',
			'Hi!\u00A0Yes!\u00A0No!\u00A0Maybe!\u00A0Fine.',
		];
		expect(fewUnits(responses[0])).toBe(true);
		expect(fewUnits(responses[1])).toBe(true);
		expect(fewUnits(responses[4])).toBe(false);
		// As before it, a response with fewer than four of \n . ! ? 。 ！ ？ is ruled out (… and ؟ are not counted).
		const breaks = (response: string) => [...response].filter(character => '\n.!?。！？'.includes(character)).length;
		expect(fewUnits(responses[8])).toBe(true);
		for (const response of responses) {
			// Never rules out a response with five units or more (nearRepeats needs five) that has those four breaks.
			if (breaks(response) >= 4 && unitsOf(response) >= 5) expect(fewUnits(response), response).toBe(false);
			if (breaks(response) < 4) expect(fewUnits(response), response).toBe(true);
		}
	});

	it('ruled out, a looping response would not have been found anyway', () => {
		const loop = Array.from({length: 6}, (_, i) => `Join today and get fit, get strong, get moving number ${'abcdef'[i]}`).join('; ');
		expect(fewUnits(loop)).toBe(true);
		expect(nearRepeatedUnits(loop)).toBeUndefined();
		expect(nearRepeatedUnits(`${loop.replaceAll('; ', '.\n')}.`)).toBeDefined();
	});
});
