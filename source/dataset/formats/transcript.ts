/*
Dialogue written as one text, as in Anthropic's HH-RLHF: "\n\nHuman: …\n\nAssistant: …". Read as chat
messages, two answers that share their opening turns show them once, and each turn is its own block.
*/

const turnMarker = /(?:^\s*|\n\n)(Human|Assistant):[ \t]?/g;

/**
 * The turns of a Human/Assistant transcript as chat messages, or undefined when the text is not one. A prompt
 * ends with an empty "Assistant:" for the model to complete: dropped. In an answer (`asAnswer`: HH's chosen and
 * rejected) that empty last turn is the answer, and an empty answer is shown as one.
 */
export function transcriptMessages(text: string, asAnswer = false): Array<{role: 'user' | 'assistant'; content: string}> | undefined {
	const markers = [...text.matchAll(turnMarker)];
	if (markers.length === 0 || markers[0].index !== 0 || !markers.some(marker => marker[1] === 'Assistant')) return undefined;
	const messages = markers.map((marker, index) => {
		const end = index + 1 < markers.length ? markers[index + 1].index : text.length;
		return {role: marker[1] === 'Human' ? 'user' as const : 'assistant' as const, content: text.slice(marker.index + marker[0].length, end).trim()};
	});
	if (!asAnswer && messages.length > 1 && messages.at(-1)!.role === 'assistant' && messages.at(-1)!.content === '') messages.pop();
	return messages;
}
