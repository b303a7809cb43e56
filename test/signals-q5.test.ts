import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// A fifth blind trial's families: answers in scripts that leave the last stop off, sign-offs after a dash,
// missing values written out as text, dotted blanks and holes in parentheses in more languages, holes written
// about, forms the prompt asked for, and code whose lines or output repeat by design.

describe('truncated: Arabic script, Thai and Lao leave the last stop off', () => {
	it('an answer that ends on a whole word without a stop is whole', () => {
		const whole = [
			'سؤال جميل. أقترح عليك زيارة المدينة القديمة في الصباح الباكر حيث الأسواق هادئة والجو لطيف',
			'ما رأيك بـ "بيت الياسمين"؟ اسم هادئ يذكّر بالحدائق القديمة والبيوت الدمشقية العريقة',
			'سلام! پیشنهاد می‌کنم صبح زود به بازار بروید. هوا خنک است و مغازه‌ها تازه باز می‌شوند',
			'جی ہاں۔ لاہور کا شاہی قلعہ دیکھنے کے قابل ہے اور اس کے باغات بہت خوبصورت ہیں',
			'ทะเลสวยมาก คลื่นซัดเข้าฝั่งเบาๆ ลมพัดเย็นสบาย เหมาะกับการนั่งพักผ่อนตอนเย็น แล้วค่อยเดินเล่นริมหาด',
			'ผลไม้ที่คนไทยนิยมกินในหน้าร้อน ได้แก่ มะม่วง ทุเรียน เงาะ ลิ้นจี่ และมังคุด',
			`${'ทะเลสวยมาก คลื่นซัดเข้าฝั่งเบาๆ และลมพัดเย็นสบาย '.repeat(12)}`,
			'ວຽງຈັນເປັນນະຄອນຫຼວງຂອງລາວ ມີວັດວາອາຣາມຫຼາຍແຫ່ງ ແລະ ອາຫານແຊບຫຼາຍ',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
	});

	it('a cut is still found: a word no sentence ends on, a lone letter, a list item stopped at its first word', () => {
		const cut: Array<[string, RegExp]> = [
			['شرب الماء مفيد للجسم. يساعد على تنظيم الحرارة، كما يساعد على', /on "على"/],
			['شرب الماء مفيد للجسم. ولذلك ينصح الأطباء بأن', /on "بأن"/],
			['القاهرة مدينة كبيرة. وتشتهر بالأهرامات والمتاحف وفي', /on "وفي"/],
			['تهران پایتخت ایران است. این شهر یکی از شهرهای بزرگ آسیا برای', /on "برای"/],
			['لاہور پاکستان کا ایک بڑا شہر ہے۔ یہ اپنے باغات اور تاریخی عمارتوں کے لیے مشہور ہے اور', /on "اور"/],
			['กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย มีประชากรประมาณสิบล้านคน และเป็นศูนย์กลางของการ', /on "การ"/],
			['การนอนหลับที่ดีช่วยให้ร่างกายฟื้นตัว ช่วยให้สมองจำได้ดีขึ้น และช่วยให้นอนห', /mid-word/],
			['ร้านขายยามีหลายอย่าง เช่น ยาแก้ปวด ยาแก้ไอ และยา', /last item stops at "ยา"/],
		];
		for (const [text, reason] of cut) expect(detect('truncated', chat(text)), text).toMatch(reason);
	});
});

describe('truncated: Japanese particles after a noun, a signature after a dash, punctuation alone', () => {
	it('a Japanese answer that ends on と, や, が, で or は after a noun is cut', () => {
		const cut = [
			'富士山は日本一高い山です。登山の季節は夏ですが、天気が変わりやすいので、雨具と',
			'京都には古いお寺がたくさんあります。特に有名なのは金閣寺と銀閣寺、それに清水寺や',
			'日本の夏は暑くて湿気が多いです。熱中症を防ぐためには、こまめな水分補給と休憩が大切で、その理由は',
		];
		for (const text of cut) expect(detect('truncated', chat(text)), text).toMatch(/no closing punctuation/);
		expect(detect('truncated', chat('富士山は日本一高い山です。毎年夏には多くの登山者が山頂を目指しますが、天候には注意が必要です'))).toBeUndefined();
	});

	it('a signature or attribution after the last sentence is no cut; a dangling word before it still is', () => {
		const whole = [
			'Octopuses have blue blood and three hearts. Hope that made you smile! — your friendly assistant from the aquarium team',
			'Green tea is best brewed at about 80 °C for two minutes. Enjoy your cup!\n– Your barista bot',
			'My favourite quote is this one: "Be yourself; everyone else is already taken." ~ Oscar Wilde',
		];
		for (const text of whole) expect(detect('truncated', chat(text)), text).toBeUndefined();
		expect(detect('truncated', chat('Octopuses have blue blood and three hearts. Hope that made you smile! — your friendly assistant from the'))).toMatch(/on "the"/);
	});

	it('an answer of punctuation alone is empty, not cut', () => {
		for (const text of ['—', '–', '...', '-', '(']) {
			expect(detect('truncated', chat(text, 'Name a colour.')), text).toBeUndefined();
			expect(detect('empty', chat(text, 'Name a colour.')), text).toMatch(/only punctuation/);
		}
	});
});

describe('empty: a missing value written out as the whole answer', () => {
	it('"null", "None", "undefined", "NaN", "nil", quoted or not, are empty', () => {
		const answers: Array<[string, string]> = [
			['null', 'Summarize this article in one sentence.'],
			['None', 'Traduce al inglés: buenos días'],
			['"undefined"', 'Écris un court poème sur la mer.'],
			['NaN', '写一首关于春天的诗。'],
			['nil', 'Erkläre kurz, was Photosynthese ist.'],
			[' null\n', 'Напиши короткое поздравление.'],
		];
		for (const [answer, prompt] of answers) expect(detect('empty', chat(answer, prompt)), answer).toMatch(/a missing value written out as text/);
	});

	it('not when the prompt asks about that value or about code, nor "None" to a question none answers, nor N/A', () => {
		const fine: Array<[string, string]> = [
			['null', 'What does JSON.stringify(null) return?'],
			['None', 'What does print(d.get("x")) show when the key is missing?'],
			['None', 'Which of these numbers are prime: 4, 6, 8?'],
			['None', 'How many moons does Venus have?'],
			['undefined', 'In JavaScript, what is the value of a variable declared but not assigned?'],
			['NaN', 'What is 0/0 in floating point?'],
			['N/A', 'What is the ISBN of my unpublished novel?'],
			['Nothing', 'What did you have for breakfast?'],
		];
		for (const [answer, prompt] of fine) expect(detect('empty', chat(answer, prompt)), `${prompt} ${answer}`).toBeUndefined();
	});
});

describe('placeholder: dotted blanks, head-first holes, holes in parentheses in more languages', () => {
	it('finds them', () => {
		const holes: Array<[string, string]> = [
			['Rapat warga akan diadakan pada hari ........ tanggal ........ di balai desa.', '........'],
			['Заявление\nЯ, ................, прошу предоставить мне отпуск.', '................'],
			['Undangan: acara syukuran akan diadakan di rumah [nama tuan rumah] pukul 19.00.', '[nama tuan rumah]'],
			['Rapat dimulai pada [tanggal rapat] di aula.', '[tanggal rapat]'],
			['Kính gửi [tên công ty], chúng tôi xin gửi báo giá.', '[tên công ty]'],
			['Você está convidado para o casamento de (nome da noiva) e (nome do noivo)!', '(nome da noiva)'],
			['A reunião será no dia (data) às (horário), na sala 2.', '(data)'],
			['La fiesta será el (fecha) a las (hora) en el jardín.', '(fecha)'],
			['Vous êtes invités le (date) à (heure) chez nous.', '(date)'],
			['Ti aspettiamo alla festa di (nome del festeggiato)!', '(nome del festeggiato)'],
			['Acara dimulai pada (tanggal) di gedung serbaguna.', '(tanggal)'],
		];
		for (const [text, hole] of holes) expect(detect('placeholder', chat(text)), text).toContain(hole);
	});

	it('leaves dotted leaders, ellipses, types after a name and ordinary parentheses alone', () => {
		const fine = [
			'Daftar isi\nBab 1 Pendahuluan ........ 3\nBab 2 Metode ........ 7',
			'Well........ I think it is fine. Let me think ...... yes.',
			'The table has a start (date) column and an amount (number) column.',
			'Kami bertemu di rumah nenek (ibu dari ayah saya) setiap Lebaran.',
			'O evento tem um custo (taxa de inscrição) de 20 reais.',
			'Preheat the oven (the top rack works best) before you start.',
		];
		for (const text of fine) expect(detect('placeholder', chat(text)), text).toBeUndefined();
	});
});

describe('placeholder: a hole written about, a form the prompt asked for', () => {
	it('a TBD, TODO or 〇〇 that the answer defines or quotes is written about, not left', () => {
		const about: Array<[string, string]> = [
			['TBD significa "to be determined", es decir, "por determinar". Se usa cuando algo todavía no se ha decidido.', '¿Qué significa TBD?'],
			['TBD quer dizer "a definir" e aparece em cronogramas quando a data ainda não foi marcada.', 'O que é TBD?'],
			['TBD (to be determined) marks a date or owner nobody has fixed yet.', 'What is TBD?'],
			['「○○株式会社」は、会社名を伏せるときに使う書き方です。', '「○○株式会社」とは？'],
			['〇〇とは、名前や数字を伏せるための記号です。', '〇〇の意味は？'],
		];
		for (const [text, prompt] of about) expect(detect('placeholder', chat(text, prompt)), text).toBeUndefined();
		expect(detect('placeholder', chat('〇〇様\nいつもお世話になっております。', 'お礼のメールを書いて'))).toMatch(/〇〇様/);
		expect(detect('placeholder', chat('The launch date is TBD, but we will tell you soon.'))).toMatch(/TBD/);
	});

	it('blanks in a form the prompt asked for are what was asked; a form the prompt asked to fill in still has its holes', () => {
		const form = 'Name: ____________________\nClass: ________\nDate of birth: ___ / ___ / ______';
		expect(detect('placeholder', chat(form, 'Write a short form with blanks for students to fill in their info.'))).toBeUndefined();
		expect(detect('placeholder', chat('Nombre: ____________\nFecha: ____________', 'Haz un formulario para rellenar con el nombre y la fecha.'))).toBeUndefined();
		expect(detect('placeholder', chat('Nom : ____________\nDate : ____________', 'Crée une fiche à remplir pour les inscriptions.'))).toBeUndefined();
		expect(detect('placeholder', chat('Name: ____________\nDate: ____________', 'Fill in this form for me with my details: Ana, 3 May.'))).toMatch(/Name: _+/);
	});
});

describe('repetition: code and program output repeat by design', () => {
	it('output lines and similar code lines in or right after a code block are not a loop', () => {
		const fine = [
			'```bash\nfor i in 1 2 3 4 5; do\n  echo hello\ndone\n```\nOutput:\n```\nhello\nhello\nhello\nhello\nhello\n```',
			'```bash\nfor i in 1 2 3 4 5; do\n  echo hello\ndone\n```\n\nOutput:\nhello\nhello\nhello\nhello\nhello\n\nEach pass prints one line.',
			'```python\ndef is_even(n: int) -> bool:\n    return n % 2 == 0\n\nprint(is_even(2))   # True\nprint(is_even(4))   # True\nprint(is_even(7))   # False\n```',
			'```js\nconsole.log(square(2)); // 4\nconsole.log(square(3)); // 9\nconsole.log(square(4)); // 16\n```\n\n出力：\n```\n4\n9\n16\n```',
		];
		for (const text of fine) expect(detect('repetition', chat(text)), text).toBeUndefined();
	});

	it('a model looping in a code block, or in the prose around one, is still a loop', () => {
		expect(detect('repetition', chat(`Here you go:\n\n\`\`\`\n${'ping\n'.repeat(30)}\`\`\``))).toMatch(/"ping" comes back 30 times in a row in a code block/);
		expect(detect('repetition', chat(`Here you go:\n\n\`\`\`python\n${'x = x + 1\n'.repeat(10)}`))).toMatch(/comes back 10 times in a row/);
		expect(detect('repetition', chat(`The answer is this.\n${'The answer is 42, as the code below shows.\n'.repeat(5)}\n\`\`\`python\nprint(42)\n\`\`\``))).toBeDefined();
	});
});
