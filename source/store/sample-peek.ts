import {parseDecisionsFile} from './decisions-file.js';
import {readParsed} from './record-lines.js';
import type {DecisionRecord} from './schema.js';

const newline = 0x0a;

/**
 * The records a decisions file's bytes hold for one sample, found without parsing the rest: in
 * winnow's layout (one record a line, as JSON.stringify writes it) each record of the sample holds
 * `"sample":<the id as JSON>` as it stands, and a string inside a record cannot (its quotes would be
 * escaped). A file in any other layout is parsed whole.
 */
export function recordsOfSample(bytes: Buffer, sample: string, path: string, datasetName: string): DecisionRecord[] {
	if (bytes.indexOf('"decisions": [') === -1) return parseDecisionsFile(bytes.toString('utf8'), path, datasetName).decisions.filter(record => record.sample === sample);
	return recordLinesOfSample(bytes, sample);
}

/** The records of one sample among record lines in winnow's layout (a whole file, or what was appended to one). */
export function recordLinesOfSample(bytes: Buffer, sample: string): DecisionRecord[] {
	const needle = Buffer.from(`{"sample":${JSON.stringify(sample)},`);
	const records: DecisionRecord[] = [];
	for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) {
		// A record starts a line.
		if (at > 0 && bytes[at - 1] !== newline) continue;
		let end = bytes.indexOf(newline, at);
		if (end === -1) end = bytes.length;
		if (bytes[end - 1] === 0x2c) end--;
		const record = readParsed(bytes, at, end);
		if (record?.sample === sample) records.push(record);
	}

	return records;
}
