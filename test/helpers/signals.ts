import {defaultSignalConfig, sampleSignals, sampleText, type SignalConfig, type SignalName} from '../../source/dataset/signals/index.js';

/** A one-turn chat sample: the user's question (a generic one by default) and the answer. */
export const chat = (assistant: string, user = 'Can you help me with this?') => ({messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});

/** What one per-sample signal says of a sample (its reason), with the default settings or `config`. */
export function detect(name: SignalName, sample: unknown, config: SignalConfig = defaultSignalConfig): string | undefined {
	return sampleSignals.find(item => item.name === name)!.make(config)(sampleText(sample));
}
