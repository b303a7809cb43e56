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
