// Splits a log stream into whole lines: bytes arrive in arbitrary pieces (a line, or a
// multi-byte character, may be cut anywhere), lines leave whole, without their line ending.
import { StringDecoder } from 'node:string_decoder';

export class LogLineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** The lines completed by this piece of the stream. */
  push(piece: Buffer): string[] {
    const text = this.partial + this.decoder.write(piece);
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map(withoutCarriageReturn);
  }

  /** At the end of the stream: the last line, if it had no line ending. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? [] : [withoutCarriageReturn(rest)];
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
