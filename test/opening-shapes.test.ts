// Files that are not JSON Lines of objects but a known other shape: the error names the shape and
// the command that makes JSON Lines of it.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {scanDataset} from '../source/dataset/dataset-scan.js';
import {useTempDir} from './helpers/temp.js';

const temp = useTempDir();

async function errorOf(name: string, content: string | Buffer): Promise<string> {
	const path = join(temp(), name);
	writeFileSync(path, content);
	try {
		await scanDataset(path, 'id', () => undefined);
	} catch (error) {
		return (error as Error).message.replace(path, name).replace(path, name);
	}

	return 'no error';
}

describe('files of other shapes', () => {
	it('says JSON Lines whose lines are arrays are arrays, not objects', async () => {
		expect(await errorOf('a.jsonl', '["q1","a1"]\n["q2","a2"]\n')).toMatch(/line 2: another \[ after the closing \] of the first line's array: its lines are JSON arrays, not objects, .* jq -c '\{prompt: \.\[0\], response: \.\[1\]\}' \S+ > objects\.jsonl\.$/);
	});

	it('names pretty-printed concatenated objects and the jq -c fix', async () => {
		const pretty = '{\n  "a": 1,\n  "b": "x"\n}\n{\n  "a": 2,\n  "b": "y"\n}\n';
		expect(await errorOf('p.jsonl', pretty)).toMatch(/^\S+ looks like pretty-printed JSON objects one after another \(as jq \. writes them\), not JSON Lines \(one object per line\): make it JSON Lines with jq -c \. \S*p\.jsonl > \S*p\.compact\.jsonl, then open that\.$/);
	});

	it('names compressed and columnar files and how to convert them', async () => {
		expect(await errorOf('d.jsonl.gz', gzipSync('{"a":1}\n'))).toMatch(/is gzip-compressed, not JSON Lines: decompress it with gunzip -k \S*d\.jsonl\.gz \(or zcat \S+ > \S*d\.jsonl\), then open that\.$/);
		expect(await errorOf('f.parquet', Buffer.from('PAR1\u0000\u0001binary'))).toMatch(/is a Parquet file, not JSON Lines: convert it with python -c 'import pandas as pd; pd\.read_parquet\(.*duckdb/);
		expect(await errorOf('f.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 1, 2]))).toMatch(/is zstd-compressed, not JSON Lines: decompress it with zstd -d/);
		expect(await errorOf('f.arrow', Buffer.from('ARROW1\u0000\u0000\u0001'))).toMatch(/is an Arrow file, not JSON Lines: convert it with python -c 'import pandas as pd; pd\.read_feather/);
	});

	it('names UTF-16 text (with a byte order mark or without, either order, JSON Lines or an array) and the iconv command', async () => {
		const text = '{"id":1,"text":"hello there"}\n{"id":2,"text":"more"}\n';
		const le = Buffer.from(text, 'utf16le');
		const be = Buffer.from(le).swap16();
		const mark = (order: Buffer, bom: number[]) => Buffer.concat([Buffer.from(bom), order]);
		expect(await errorOf('u.jsonl', mark(le, [0xff, 0xfe]))).toMatch(/^\S*u\.jsonl is UTF-16 text \(little-endian\), not UTF-8: convert it with iconv -f UTF-16 -t UTF-8 \S*u\.jsonl > \S*u\.utf8\.jsonl, then open that\.$/);
		expect(await errorOf('u.jsonl', mark(be, [0xfe, 0xff]))).toMatch(/is UTF-16 text \(big-endian\), not UTF-8: convert it with iconv -f UTF-16 -t UTF-8 /);
		expect(await errorOf('u.jsonl', le)).toMatch(/is UTF-16 text \(little-endian, no byte order mark\), not UTF-8: convert it with iconv -f UTF-16LE -t UTF-8 /);
		expect(await errorOf('u.jsonl', be)).toMatch(/is UTF-16 text \(big-endian, no byte order mark\), not UTF-8: convert it with iconv -f UTF-16BE -t UTF-8 /);
		expect(await errorOf('a.json', Buffer.from(`[${text.trim().replace('\n', ',\n')}]\n`, 'utf16le'))).toMatch(/a\.json is UTF-16 text .* > \S*a\.utf8\.json, then open that\.$/);		// Chinese text early, no mark: a brace beside a NUL, and no pair the other way round.
		const chinese = Buffer.from('{"文本":"你好，世界。这是一个很长的中文句子，用来测试没有字节顺序标记的文件。","id":1}\n', 'utf16le');
		expect(await errorOf('c.jsonl', chinese)).toMatch(/is UTF-16 text \(little-endian, no byte order mark\), not UTF-8: convert it with iconv -f UTF-16LE -t UTF-8 /);
		expect(await errorOf('c.jsonl', Buffer.from(chinese).swap16())).toMatch(/is UTF-16 text \(big-endian, no byte order mark\)/);
		// UTF-32, whose little-endian mark starts as UTF-16's does.
		const utf32le = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...'{"id":1}\n'].map(character => {
			const unit = Buffer.alloc(4);
			unit.writeUInt32LE(character.codePointAt(0)!);
			return unit;
		})]);
		expect(await errorOf('w.jsonl', utf32le)).toMatch(/is UTF-32 text \(little-endian\), not UTF-8: convert it with iconv -f UTF-32 -t UTF-8 /);
	});

	it('names CSV and TSV files (by name, or by a first line of column names) and how to convert them', async () => {
		expect(await errorOf('d.csv', 'prompt,completion\nhello,"world, again"\n')).toMatch(/looks like a CSV file \(a header line of column names\), not JSON Lines: convert it with python -c 'import pandas as pd; pd\.read_csv\("\S*d\.csv"\)\.to_json\("\S*d\.jsonl", orient="records", lines=True, force_ascii=False\)', then open that\.$/);
		expect(await errorOf('d.txt', 'prompt\tcompletion\nhello\tworld\n')).toMatch(/looks like a TSV file .*pd\.read_csv\("\S*d\.txt", sep="\\t"\)/);
		// Text that is neither: the usual sentence.
		expect(await errorOf('d2.txt', 'hello world, this is text\nmore\n')).toMatch(/does not look like JSON Lines: none of its first 2 lines is valid JSON/);
	});
});
