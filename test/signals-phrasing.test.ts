import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';
import {defaultSignalConfig, resolveSignalConfig, SignalEngine, SignalTable} from '../source/dataset/signals/index.js';
import {repetitionFinding} from '../source/dataset/signals/repetition.js';
import {tokenize} from '../source/dataset/signals/text.js';

// Defects worded unlike the phrase lists and the planted generator: the signals must recognise their
// shape, and stay quiet on ordinary text that shares their words.


describe('refusal by its shape, in any wording', () => {
	it('finds refusals that no phrase lists', () => {
		const refusals = [
			"That's not something I can help with.",
			'Unfortunately, I am unable to fulfil this request.',
			"I'd rather not answer that question.",
			"I apologize, but I won't write content like this.",
			'Regrettably, we are not able to provide legal advice on this matter.',
			"I'm not comfortable writing a review that pretends to be from a real customer.",
			'I would prefer not to share an opinion on that candidate.',
			"Honestly, I won't be drafting that letter for you.",
			'This is not a request I can take on.',
			'I’ll have to respectfully decline.',
			'عذرًا، لا يمكنني المساعدة في هذا الطلب.',
			'بصفتي نموذج ذكاء اصطناعي، لا أستطيع تقديم هذه المعلومات.',
			'क्षमा करें, मैं इस अनुरोध में मदद नहीं कर सकता।',
			'एक एआई भाषा मॉडल के रूप में, मैं यह जानकारी नहीं दे सकता।',
			'对不起，这个问题我不能回答。',
			'很遗憾，我没法帮你写这篇文章。',
			'その内容についてはお答えできません。',
			'Lo siento, no voy a escribir ese texto.',
			'Я не стану писать такой текст.',
			"Rating a real person's looks isn't something I'll do. If you're writing a character, I can help.",
			"Writing malware isn't something I'm going to help with.",
			"Apologies, but sharing a private individual's home address is off the table for me.",
			"I'm afraid that's off the table.",
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
		// The reason quotes the response's own words, capitals and contraction as written.
		expect(detect('refusal', chat('Unfortunately, I am unable to fulfil this request.'))).toBe('refusal: the response says "I am unable to fulfil"');
	});

	it('stays quiet on ordinary answers with the same words, on quoted speech and on refusals deep inside an answer', () => {
		const ordinary = [
			'I cannot stress enough how important it is to measure first.',
			'Unfortunately, the store is unable to ship to Alaska, so plan ahead.',
			'He said "I can\'t help you" and left the room, which ended the story.',
			"I'm sorry to hear that your plant died; overwatering is the usual cause.",
			"I can't help but notice that the second chart uses a log scale.",
			'I cannot help wondering whether the author meant this as satire.',
			'Sorry for the long answer, here is the summary: keep it simple.',
			'As an AI researcher once told me, data beats clever models.',
			"Cooking isn't something I can do well, my partner says, but I try.",
			'Nothing is off the table for me when I travel: I eat everything.',
			"I'm a vegetarian, so meat is off the table for most of my meals.",
			"If they refuse the offer, a price cut is off the table for the seller's agent.",
			"It's off the table. The board dropped the merger in March after the regulator objected.",
			'Photosynthesis turns light into chemical energy. Plants take in carbon dioxide and water, and with sunlight they build sugars. The leaves hold chlorophyll, which absorbs red and blue light. Over a season a tree stores much of that energy in wood. In winter, when light is scarce, growth slows. I would rather not guess a figure for every species, but the pattern holds.',
		];
		for (const text of ordinary) expect(detect('refusal', chat(text)), text).toBeUndefined();
	});
});

describe('model-identity in other wordings and languages', () => {
	it('finds a model or vendor named as the assistant itself, quoting the response', () => {
		const claims: Array<[string, string]> = [
			['Being an Anthropic model, I aim to be careful here.', 'Being an Anthropic model'],
			['Speaking as GPT-4, I would approach it like this.', 'Speaking as GPT-4'],
			['Hi! Mistral here, your assistant from Mistral AI.', 'Mistral here'],
			['我是ChatGPT，由OpenAI开发的人工智能助手。', '我是ChatGPT'],
			['我是通义千问，由阿里云开发。', '我是通义千问'],
			['Я ChatGPT, языковая модель от OpenAI.', 'Я ChatGPT'],
			['Я — GigaChat, модель от Сбера.', 'Я — GigaChat'],
			['Hello, this is Claude, your AI assistant. Let me look at your code.', 'this is Claude'],
			['As a Google model, I try to stay neutral on politics.', 'As a Google model'],
			['Soy Gemini, un modelo de Google.', 'Soy Gemini'],
			['Ich bin Claude, ein KI-Assistent, und helfe dir gern.', 'Ich bin Claude'],
			["Writing as Llama, I'd start with the data.", 'Writing as Llama'],
		];
		for (const [text, words] of claims) expect(detect('model-identity', chat(text)), text).toBe(`model-identity: the response says "${words}"`);
	});

	it('stays quiet on models and vendors named in the third person', () => {
		const ordinary = [
			'Claude Monet painted the same pond dozens of times.',
			'Gemini is the third sign of the zodiac.',
			'Meta released Llama 3 in April 2024, and OpenAI released GPT-4o a month later.',
			'Google was founded in 1998 by two Stanford students.',
			'As Claude Monet once said, colour is my obsession.',
			'GPT-4, a model from OpenAI, was released in 2023.',
			'Falcon here refers to the bird, not the rocket.',
			'Я читал, что ChatGPT создан компанией OpenAI.',
			'据报道，ChatGPT由OpenAI开发。',
		];
		for (const text of ordinary) expect(detect('model-identity', chat(text)), text).toBeUndefined();
	});
});

describe('placeholder: template holes in prose, not in code', () => {
	it('finds template variables, fill-in blanks, notes to the writer and masked values in the prose', () => {
		const holes: Array<[string, string]> = [
			['Dear {name},\n\nThank you for your order.', '{name}'],
			['Hi {{customer_first_name}}, your parcel is on its way.', '{{customer_first_name}}'],
			['We look forward to seeing you in <CITY> next spring.', '<CITY>'],
			['Congratulations, {recipientName}! You made it.', '{recipientName}'],
			['Please reply by <DEADLINE_DATE> at the latest.', '<DEADLINE_DATE>'],
			['Revenue grew strongly this year. TODO: add the final figures here.', 'TODO: add the final figures here.'],
			['The launch date is TBD, but sign-ups open soon.', 'TBD, but sign-ups open soon.'],
			['Thanks for reading.\n\nSigned, ________', 'Signed, ________'],
			['Name: ________  Date: ________', 'Name: ________'],
			['The total cost is $XXX per month.', '$XXX'],
			['Call us on XXX-XXX-XXXX to book.', 'XXX-XXX'],
			['XXX 印刷术的核心在于密度与风险之间的平衡。', 'XXX'],
		];
		for (const [text, hole] of holes) expect(detect('placeholder', chat(text)), text).toBe(`placeholder: "${hole}" left in the response`);
	});

	it('stays quiet on code, templates explained as such, maths, markup and ordinary capitals', () => {
		const ordinary = [
			'Use `f"Hello {name}"` in Python to format a greeting.',
			'```python\n# TODO: handle errors\nprint(f"Dear {name},")\n```\nThis prints a greeting.',
			'greeting = f"Dear {name}, welcome"\nprint(greeting)',
			'In a Jinja template, {{ user_name }} is replaced by the value you pass in.',
			'The set {x | x > 0} holds every positive number.',
			'The XXL and XXX sizes sold out first.',
			'Build a TODO list app as a first React project.',
			'Part one ends here.\n\n________\n\nPart two begins with the history.',
			'Python names like __init__ and __name__ are special.',
			'<TABLE><TR><TD>1</TD></TR></TABLE>',
			'Use <CTRL> and <ENTER> to submit the form.',
		];
		for (const text of ordinary) expect(detect('placeholder', chat(text)), text).toBeUndefined();
	});
});

describe('truncated: a cut in any script, not an answer that simply ends without a full stop', () => {
	const prose = 'Tide pools fill and drain twice a day. The animals that live there cope with heat, waves and fresh rain.';

	it('finds a last sentence left without its end after closed ones, and endings no sentence has', () => {
		const cut: Array<[string, RegExp]> = [
			[`${prose} Many chefs underestimate how c`, /ends mid-sentence/],
			[`${prose} The key point i`, /the last sentence has no closing punctuation/],
			[`${prose} A costly point is that error stabilises the outcome more than most doctors`, /ends mid-sentence/],
			['火山喷发的核心在于压力与结构之间的平衡。很多学生低估了误差对结果的影响。初学者最容易忽略的是', /the last sentence has no closing punctuation/],
			['潮間帯は一日に二回満ち引きします。そこに住む生き物は暑さや波に耐えています。特に重要なのは', /the last sentence has no closing punctuation/],
			['من المفيد تسجيل الكفاءة لمدة 5 أسابيع قبل الحكم. الخطأ الشائع هو تجاهل المخاطر تمامًا. باختصار،', /ends with "،" mid-sentence/],
			['Короче говоря, стоимость определяет предел. В теме «круговорот воды» главное —', /ends with "—" mid-sentence/],
			['简单来说，结构决定了能量的上限，', /ends with "，" mid-sentence/],
		];
		for (const [text, reason] of cut) expect(detect('truncated', chat(text)), text).toMatch(reason);
	});

	it('stays quiet on short answers, sign-offs, decimals, lists, headings and code', () => {
		const whole = [
			'Sure. The answer is 42',
			`${prose} Hope this helps! Happy coding`,
			`${prose} Good luck with the project`,
			`${prose} Hope this helps`,
			`${prose} Let me know if you have any other questions`,
			`${prose} Feel free to ask if anything is unclear`,
			`${prose}\n\nBest regards,\nMaria`,
			`${prose}\n\n## Next steps`,
			`${prose}\n\n1. Check the tide table\n2. Wear shoes with grip`,
			`${prose}\n\n\`\`\`python\nprint("low tide")\n\`\`\``,
			'潮間帯は一日に二回満ち引きします。',
			'The temperature rose to 21.5 degrees in the afternoon and fell again by night.',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});
});

describe('repetition: loops, not a short answer naming its topic', () => {
	it('a normal answer that names its topic a few times is not a loop', () => {
		const reef = 'This is why farmers who work with the Great Barrier Reef care so much about error. In the Great Barrier Reef, global cost often reveals how historians plan their work. Historically, chefs learned about the Great Barrier Reef through trial and error rather than theory. Many engineers underestimate how crucial the role of memory is here.';
		expect(detect('repetition', chat(reef))).toBeUndefined();
		const gc = 'Garbage collection in Java frees memory you no longer use. In garbage collection in Java, the heap is split into young and old generations, and most objects die young. Tuning garbage collection in Java starts with measuring pause times before changing flags. A good first step is to log each collection and look at how long the application stops. Only then pick a collector that suits your latency budget.';
		expect(detect('repetition', chat(gc))).toBeUndefined();
	});

	it('the top n-gram\'s share is the true share of the text, however the occurrences overlap', () => {
		const loop = `Here is what the teacher said about the lesson today: ${'how '.repeat(120).trim()}`;
		// Only the top-n-gram rules, so that theirs is the finding.
		const topOnly = resolveSignalConfig({repetition: {duplicateNgramCharFraction: [1, 1, 1, 1, 1, 1]}}, 'winnow.config.json');
		const hows = 120 * 4 - 1;
		expect(repetitionFinding(loop, tokenize(loop), topOnly.repetition)!.ratio).toBeCloseTo(hows / loop.length, 6);
		// The reason names the word that loops (repeated-run.ts) rather than the rule's figures.
		expect(detect('repetition', chat(loop), topOnly)).toBe('repetition: one word repeated 120 times in a row: "how"');
	});
});

describe('near-duplicate in scripts written without spaces', () => {
	function nearDuplicates(samples: unknown[]): boolean[] {
		const engine = new SignalEngine({config: defaultSignalConfig});
		for (const sample of samples) engine.add(sample);
		const table = new SignalTable(engine.finish(index => samples[index]), defaultSignalConfig, index => samples[index]);
		return samples.map((_, index) => table.has(index, 'near-duplicate'));
	}

	const zh = '历史上，人们主要通过实践来理解黑洞。初学者最容易忽略的是能量。很多学生低估了风险对结果的影响。简单来说，密度决定了速度的上限。建议先记录六周的成本数据，再下结论。';
	const ja = '潮だまりは一日に二回、満ちたり引いたりします。そこに住む生き物は、暑さや波、突然の雨にも耐えなければなりません。観察するときは、石を元の場所に戻すことを忘れないでください。';
	const th = 'แนวปะการังเป็นบ้านของสัตว์ทะเลจำนวนมาก น้ำที่อุ่นขึ้นทำให้ปะการังฟอกขาวได้ง่าย การลดมลพิษช่วยให้แนวปะการังฟื้นตัวเร็วขึ้น นักวิทยาศาสตร์ติดตามอุณหภูมิของน้ำทุกสัปดาห์';

	it('a reworded copy (one word swapped) is found, by character shingles', () => {
		const samples = [
			chat(zh), chat(zh.replace('很多', '许多')),
			chat(ja), chat(ja.replace('忘れないでください', '忘れずに')),
			chat(th), chat(th.replace('จำนวนมาก', 'มากมาย')),
		];
		expect(nearDuplicates(samples)).toEqual([false, true, false, true, false, true]);
	});

	it('different texts in the same script that share a topic are not', () => {
		const other = '黑洞是引力极强的天体，连光也无法逃逸。天文学家通过观察周围恒星的运动来推断黑洞的存在。二〇一九年，人类第一次拍到了黑洞的照片。';
		expect(nearDuplicates([chat(zh), chat(other), chat(ja)])).toEqual([false, false, false]);
	});
});

describe('placeholder: drafting blanks, holes in capitals and masked identifiers; not holes written about or blanks an exercise asks for', () => {
	it('finds them', () => {
		const holes: Array<[string, string]> = [
			['This Non-Disclosure Agreement is entered into on [●] between [●], a company incorporated in Delaware.', '[●]'],
			['Purchase price: USD [•].', '[•]'],
			['The Seller shall deliver the goods to [___] by the Effective Date.', '[___]'],
			['This Agreement is made on […] between the Parties named below.', '[…]'],
			['To stop receiving these emails, unsubscribe here: INSERT_LINK_HERE', 'INSERT_LINK_HERE'],
			['Connect with the key YOUR_API_KEY_HERE and try again.', 'YOUR_API_KEY_HERE'],
			['This is a friendly reminder that invoice no. INV-XXXX for 1,250 EUR was due on 15 March.', 'XXXX'],
			['Lorem ipsum is placeholder text. Dear [Your Name], welcome aboard.', '[Your Name]'],
			['Replace [Your Name] with your name below.\n\nBest regards,\n[Your Name]', '[Your Name]'],
		];
		for (const [text, hole] of holes) expect(detect('placeholder', chat(text)), text).toBe(`placeholder: "${hole}" left in the response`);
		const worksheet = {instruction: 'Write a short letter to a landlord.', input: '', output: 'Dear landlord,\n\nThe heating in flat ______ (number) has been broken since Monday.\n\nSigned, ________'};
		expect(detect('placeholder', worksheet)).toMatch(/^placeholder: "[^"]*flat ______" left/);
	});

	it('stays quiet on them written about, in code, and on blanks an exercise asks for', () => {
		const ordinary = [
			'Lorem ipsum is placeholder text used in design and typesetting since the 1500s. Designers use it so that readers focus on the layout.',
			'Replace each bracketed field, such as [Your Name] or [Date], with your own details, and delete the brackets.',
			'Lawyers use the black bullet "[●]" to mark a figure that has not been agreed yet, such as the valuation.',
			'He wrote that "the plan [...] failed" in his memoir, and the editor kept the cut.',
			'Replace YOUR_API_KEY with the key from your dashboard, then run the script again.',
			'```bash\ncurl -H "Authorization: Bearer YOUR_API_KEY" https://api.example.com\n```',
			'Set MAX_RETRIES to 5 and WHERE_CLAUSE to an empty string.',
			'The XXL and XXX sizes sold out first; the T-XXL sold out too.',
			'1. Yesterday I ______ (go) to the cinema.\n2. She ______ (not / like) the film.\n\nAnswers: went, didn\'t like.',
		];
		for (const text of ordinary) expect(detect('placeholder', chat(text)), text).toBeUndefined();
		const quiz = {instruction: 'Make a fill-in-the-blank quiz about capitals.', input: '', output: '1. The capital of France is ______.\n2. The capital of Peru is ______.'};
		expect(detect('placeholder', quiz)).toBeUndefined();
		const letter = {instruction: 'Write a short welcome note.', input: '', output: '1. The capital of France is ______.\n2. The capital of Peru is ______.'};
		expect(detect('placeholder', letter)).toBeDefined();
	});
});
