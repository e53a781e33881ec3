// Splitting a log stream into lines: pieces cut anywhere, CRLF endings, a multi-byte character
// cut between two pieces, and a last line without an ending.
import { describe, expect, it } from 'vitest';
import { LogLineSplitter } from '../../../engine/cluster/logLines.ts';

describe('LogLineSplitter', () => {
  it('returns whole lines only, keeping a partial one for the next piece', () => {
    const splitter = new LogLineSplitter();
    expect(splitter.push(Buffer.from('one\ntw'))).toEqual(['one']);
    expect(splitter.push(Buffer.from('o\nthree\n'))).toEqual(['two', 'three']);
    expect(splitter.end()).toEqual([]);
  });

  it('drops CR of CRLF endings and keeps empty lines', () => {
    expect(new LogLineSplitter().push(Buffer.from('a\r\n\r\nb\n'))).toEqual(['a', '', 'b']);
  });

  it('joins a character cut between two pieces', () => {
    const bytes = Buffer.from('grüße\n');
    const splitter = new LogLineSplitter();
    expect(splitter.push(bytes.subarray(0, 3))).toEqual([]);
    expect(splitter.push(bytes.subarray(3))).toEqual(['grüße']);
  });

  it('gives the last line without an ending at the end', () => {
    const splitter = new LogLineSplitter();
    expect(splitter.push(Buffer.from('done\nlast'))).toEqual(['done']);
    expect(splitter.end()).toEqual(['last']);
  });
});
