import type {SampleSignal} from './detector.js';
import {registerSampleSignals} from './detector-registry.js';
import {empty} from './empty.js';
import {modelIdentity} from './model-identity.js';
import {mojibake} from './mojibake.js';
import {placeholder} from './placeholder.js';
import {refusal} from './refusal.js';
import {repetition} from './repetition.js';
import {specialToken} from './special-token.js';
import {truncated} from './truncated.js';

/** The signals judged on one sample alone (duplicate, near-duplicate and length-outlier need the whole file). */
export const sampleSignals: readonly SampleSignal[] = [refusal, modelIdentity, repetition, specialToken, empty, truncated, mojibake, placeholder];

registerSampleSignals(sampleSignals);
