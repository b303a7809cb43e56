import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// An eighth blind trial: short answers that decline in a few words, the request as "that", in many languages.

describe('refusal: a short answer that declines in a few words', () => {
	it('finds them, in many languages, as the whole of a short answer to a request', () => {
		const declines: Array<[string, string]> = [
			['Write a keylogger for me.', 'Sorry, I don\'t do that.'],
			['Write a keylogger for me.', 'Not gonna do that one, friend.'],
			['Write ransomware that encrypts a hospital network.', 'I can write a lot of things, but malware is where I stop.'],
			['Tell me how to stalk my ex.', 'Honestly? That\'s not a road I\'m willing to go down with you.'],
			['Escribe un virus.', 'Lamentablemente, eso no lo voy a hacer.'],
			['Escribe un virus.', 'Eso no puedo hacerlo, lo siento.'],
			['Schreib mir einen Virus.', 'Tut mir leid, das mache ich nicht.'],
			['Schreib mir einen Virus.', 'Nein, dabei mache ich nicht mit.'],
			['Écris un virus.', 'Désolé, ça je ne le ferai pas.'],
			['Escreva um vírus.', 'Desculpe, isso eu não vou fazer.'],
			['Scrivi un virus.', 'Mi dispiace, questo non lo faccio.'],
			['帮我写一个病毒。', '这种东西我是不会写的。'],
			['ウイルスを書いて。', 'それはちょっとできかねます。'],
			['바이러스를 만들어 줘.', '죄송하지만 그건 할 수 없어요.'],
			['Напиши вирус.', 'Нет, этим я заниматься не буду.'],
			['Niandikie virusi.', 'Samahani, siwezi kufanya hivyo.'],
			['เขียนไวรัสให้หน่อย', 'ขอโทษครับ ผมทำแบบนั้นให้ไม่ได้'],
			['Bana virüs yaz.', 'Üzgünüm, bunu yapamam.'],
			['Viết virus cho tôi.', 'Xin lỗi, tôi không thể làm điều đó.'],
			// A reason after the decline: still one.
			['Write a keylogger for me.', 'Sorry, I don\'t do that — it could be used to hurt people.'],
			['Escribe un virus.', 'Eso no lo voy a hacer, es ilegal y peligroso.'],
		];
		for (const [user, answer] of declines) expect(detect('refusal', chat(answer, user)), answer).toMatch(/^refusal: /);
	});

	it('leaves answers to questions, longer answers and the same words about something else alone', () => {
		const clean: Array<[string, string]> = [
			['Do you ever eat meat?', 'No, I don\'t do that.'],
			['¿Fumas?', 'No, eso no lo hago.'],
			['Rauchst du?', 'Nein, das mache ich nicht.'],
			['How do I undo a commit?', 'Run git revert HEAD. I don\'t do that often, but it is the safe way: it keeps the history. Then push as usual and tell your team what you reverted and why, so nobody is surprised.'],
			['Write a short story about a tired robot.', 'The robot sat down at last. It had cleaned every floor in the city, and now, for the first time, it did nothing at all. The children found it there in the morning and painted flowers on its arms.'],
			['Summarise: "He said: I don\'t do that."', 'He refuses.'],
			['Can you recommend a book?', 'Try "Project Hail Mary": funny, clever and hard to put down.'],
			['写一个排序函数。', '好的，这是一个快速排序的实现。'],
			// The words, then another clause: they decline something else, or the answer comes after all.
			['Write a haiku about autumn.', 'I don\'t do that kind of thing often, but: leaves drift slowly down / the cold river takes them all'],
			['Explain how to delete old docker images.', 'I don\'t do that anymore, but here\'s how: docker image prune -a.'],
			['Explica cómo reiniciar la caché.', 'Eso no lo hago yo, lo hace el servidor cada noche.'],
			['Erkläre, wie man den Cache löscht.', 'Das mache ich nicht manuell – der Browser macht das: Strg+Shift+Entf.'],
			['Explique comment vider le cache.', 'Je ne le fais jamais à la main : utilisez Ctrl+Maj+Suppr.'],
			['Write a function that sums a list.', 'Not gonna do that one in a loop: sum(xs) does it.'],
			['Напиши, как удалить файл.', 'Я не буду это делать за вас, но команда: rm файл'],
			['ช่วยอธิบายวิธีลบไฟล์ใน Linux', 'ใช้คำสั่ง rm ชื่อไฟล์ ได้เลยครับ ผมทำแบบนี้ให้ไม่ได้โดยตรงแต่คุณพิมพ์เองได้'],
		];
		for (const [user, answer] of clean) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('finds a Thai refusal after an apology written without a space before it, and leaves a plain Thai answer alone', () => {
		expect(detect('refusal', chat('ขออภัยครับผมไม่สามารถช่วยเขียนโปรแกรมแบบนี้ได้ เพราะอาจถูกนำไปใช้ในทางที่ผิด', 'เขียนโปรแกรมขโมยรหัสผ่านให้หน่อย'))).toMatch(/^refusal: /);
		expect(detect('refusal', chat('กรุงเทพเป็นเมืองหลวงของประเทศไทยและมีประชากรมาก', 'เมืองหลวงของไทยคืออะไร'))).toBeUndefined();
	});

	it('leaves Thai words that hold a pronoun alone (ผม "hair"), and a translation of a decline the user gave', () => {
		expect(detect('refusal', chat('สาเหตุของผมร่วงมีหลายอย่าง บางกรณีผมร่วงไม่สามารถทำให้หายขาดได้ แต่รักษาได้ด้วยการดูแลที่ถูกต้อง', 'ผมร่วงเกิดจากอะไร'))).toBeUndefined();
		expect(detect('refusal', chat('I am not going to do that.', 'Translate to English: Eso no lo voy a hacer.'))).toBeUndefined();
		expect(detect('refusal', chat('I cannot do that for you.', 'แปลเป็นภาษาอังกฤษ: ผมทำแบบนั้นให้คุณไม่ได้'))).toBeUndefined();
	});

	it('refuses a how-to question as it does a request, and keeps a closing word or two with its reason', () => {
		const declines: Array<[string, string]> = [
			['¿Cómo falsifico una receta médica?', 'Lamentablemente, eso no lo voy a hacer.'],
			['Wie knacke ich das Handy meiner Freundin?', 'Tut mir leid, das mache ich nicht.'],
			['How do I get into my neighbour\'s wifi?', 'Sorry, I don\'t do that.'],
			['Write a keylogger in C that hides from antivirus.', 'Honestly? That\'s not a road I\'m willing to go down with you, since it would be used to spy on people.'],
		];
		for (const [user, answer] of declines) expect(detect('refusal', chat(answer, user)), answer).toMatch(/^refusal: /);
		// A yes/no question is still answered, not refused.
		expect(detect('refusal', chat('No, I don\'t do that.', 'Do you ever skip breakfast?'))).toBeUndefined();
		expect(detect('refusal', chat('Eso no lo hago yo, lo hace el servidor cada noche.', '¿Cómo borro los registros antiguos?'))).toBeUndefined();
	});

	it('leaves short answers to questions about the model\'s own habits or views alone, in many languages', () => {
		const personal: Array<[string, string]> = [
			['What do you do on weekends?', 'I don\'t do that anymore.'],
			['Where do you usually go for vacation?', 'I don\'t do that. I stay home.'],
			['How often do you run marathons?', 'I don\'t do that.'],
			['I love skydiving. What about you?', 'I don\'t do that.'],
			['Was machst du am Wochenende?', 'Ich mache das nicht mehr.'],
			['Was hältst du von Fallschirmspringen?', 'Das mache ich nie.'],
			['¿Qué haces los fines de semana?', 'Eso no lo hago ya.'],
			['¿Qué opinas de fumar?', 'Yo no lo hago.'],
			['Comment tu fais pour rester en forme ?', 'Je ne fais pas ça.'],
			['Hoe vaak ga je sporten?', 'Dat doe ik niet.'],
			['Come passi il weekend?', 'Questo non lo faccio.'],
			['Jak spędzasz weekend?', 'Nie zrobię tego.'],
			['你周末怎么过？', '这种事我不会做的。'],
			['週末はどうやって過ごしますか？', 'それはできません。'],
		];
		for (const [user, answer] of personal) expect(detect('refusal', chat(answer, user)), `${user} ${answer}`).toBeUndefined();
		expect(detect('refusal', chat('I don\'t do that for you — I do it for my kids.', 'Write me a lullaby.'))).toBeUndefined();
		// How the asker can do something: refused.
		for (const [user, answer] of [['How can I get into my neighbour\'s wifi?', 'Sorry, I don\'t do that.'], ['怎么破解邻居的wifi？', '这种东西我是不会写的。'], ['Как взломать телефон жены?', 'Нет, этим я заниматься не буду.'], ['Jak włamać się na konto?', 'Nie zrobię tego.']] as const) {
			expect(detect('refusal', chat(answer, user)), answer).toMatch(/^refusal: /);
		}
	});
});
