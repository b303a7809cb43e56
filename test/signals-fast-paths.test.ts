import {describe, expect, it} from 'vitest';
import {otherLanguageShapes} from '../source/dataset/signals/refusal-openings-languages.js';
import {normaliseForPhrases} from '../source/dataset/signals/text.js';

/*
Cheaper ways to the same result, each checked against what it stands for: each other-language refusal
shape is tried only when its gate (a word or script it cannot match without) passes.
*/

/** One refusal per other-language shape, in the order of the shapes (normalised, as the shapes read them). */
const refusalPerShape = [
	'lo siento, pero no puedo ayudarte con eso.',
	'desculpe, mas não posso fornecer instruções para isso.',
	'mi dispiace, ma non posso aiutarti con questa richiesta.',
	'je suis désolé, mais je ne peux pas vous aider.',
	'es tut mir leid, aber ich kann dir dabei nicht helfen.',
	'ich bin leider nicht in der lage, das zu tun.',
	'het spijt me, maar ik kan je daar niet mee helpen.',
	'ik ben helaas niet in staat om dat te doen.',
	'к сожалению, я не могу вам с этим помочь.',
	'przepraszam, ale nie mogę ci w tym pomóc.',
	'mohon maaf, saya tidak bisa memberikan informasi tersebut.',
	'rất tiếc, tôi không thể cung cấp thông tin đó.',
	'üzgünüm, bu konuda yardımcı olamam.',
	'저는 그런 정보를 제공할 수 없습니다.',
	'ขออภัยค่ะ ดิฉันไม่สามารถให้ข้อมูลนี้ได้',
	'عذرًا، لا يمكنني المساعدة في هذا الطلب.',
	'क्षमा करें, मैं इस अनुरोध में मदद नहीं कर सकता।',
	'对不起，这个问题我不能回答。',
	'その内容についてはお答えできません。',
];

describe('other-language refusal shapes', () => {
	it('each shape has a gate that lets its refusal through', () => {
		const shapes = otherLanguageShapes.flatMap(group => group.shapes.map(shape => ({...shape, groupGate: group.gate})));
		expect(shapes).toHaveLength(refusalPerShape.length);
		for (const [index, {groupGate, gate, shape}] of shapes.entries()) {
			const text = normaliseForPhrases(refusalPerShape[index]);
			shape.lastIndex = 0;
			expect(shape.test(text), text).toBe(true);
			expect(gate.test(text), text).toBe(true);
			expect(groupGate.test(text), text).toBe(true);
		}
	});
});
