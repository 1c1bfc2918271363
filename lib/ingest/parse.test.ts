import { describe, expect, it } from 'vitest';
import { BodyError, parseEventsBody } from './parse';

describe('parseEventsBody', () => {
  it('takes one object, an array, or NDJSON', async () => {
    expect(await parseEventsBody('{"a":1}', 'application/json')).toHaveLength(1);
    expect((await parseEventsBody('[{"a":1},{"a":2}]', 'application/json')).map((i) => i.index)).toEqual([0, 1]);
    const nd = await parseEventsBody('{"a":1}\n\n{"a":2}\n', 'application/x-ndjson');
    expect(nd.map((i) => [i.index, i.line])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('sniffs NDJSON without a content type', async () => {
    expect(await parseEventsBody('{"a":1}\n{"a":2}', null)).toHaveLength(2);
  });

  it('keeps a malformed NDJSON line as that item’s error, with its line number', async () => {
    const items = await parseEventsBody('{"a":1}\n{"a":\n{"a":3}', 'application/x-ndjson');
    expect(items).toHaveLength(3);
    expect(items[1].parseError).toMatch(/^line 2: malformed JSON/);
    expect(items[1].raw).toBe('{"a":');
    expect(items[2].value).toEqual({ a: 3 });
  });

  it('refuses bytes that are not UTF-8: the NDJSON line alone, or a JSON document whole, keeping the bytes', async () => {
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const nd = await parseEventsBody(
      Buffer.concat([Buffer.from('{"a":1}\n'), bad, Buffer.from('\r\n{"a":3}\n')]),
      'application/x-ndjson',
    );
    expect(nd.map((i) => [i.line, i.parseError ?? null])).toEqual([
      [1, null],
      [2, 'line 2: not valid UTF-8 (byte 6 of the line)'],
      [3, null],
    ]);
    expect(nd[1].rawBytes).toEqual(bad);
    try {
      await parseEventsBody(Buffer.concat([Buffer.from('['), bad, Buffer.from(']')]), 'application/json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BodyError);
      expect((err as Error).message).toMatch(/not valid UTF-8 \(byte 7\)/);
      expect((err as BodyError).raw).toEqual(Buffer.concat([Buffer.from('['), bad, Buffer.from(']')]));
    }
  });

  it('says where a malformed JSON document broke', async () => {
    try {
      await parseEventsBody('{\n  "a": 1,\n  "b": }', 'application/json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BodyError);
      expect((err as Error).message).toMatch(/line 3, column \d+/);
    }
    await expect(parseEventsBody('  ', 'application/json')).rejects.toThrow(/empty/);
  });

  it('gives the event loop back while it parses a large body, and keeps every line in order', async () => {
    // 200,000 lines are far more than one 8 ms slice on any machine (JSON.parse alone is ~1 µs a line).
    const body = Array.from({ length: 200_000 }, (_, i) => `{"i":${i}}`).join('\n');
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const items = await parseEventsBody(body, 'application/x-ndjson');
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(0);
    expect(items.map((i) => (i.value as { i: number }).i)).toEqual(Array.from({ length: 200_000 }, (_, i) => i));
  });
});
