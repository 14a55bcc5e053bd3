import { describe, expect, it } from 'vitest';
import { child } from '../body/json-scan.js';
import { editEvent, setNumber, setString } from './sse-edit.js';

describe('editEvent', () => {
  it('splices numbers and strings, leaving every other byte as it came', () => {
    const raw = Buffer.from(
      'event: x\r\ndata: {"id":"b", "n" : 7,"big":12345678901234567890,"t":"\\u00e9"}\r\n\r\n',
    );
    const out = editEvent(raw, (buf, root) => [
      setString(buf, child(root, 'id'), 'a"1'),
      setNumber(buf, child(root, 'n'), 12),
    ]);
    expect(out.toString()).toBe(
      'event: x\r\ndata: {"id":"a\\"1", "n" : 12,"big":12345678901234567890,"t":"\\u00e9"}\r\n\r\n',
    );
  });

  it('returns the same bytes when nothing changes or the payload is not spliceable', () => {
    const raw = Buffer.from('data: {"n":1}\n\n');
    expect(editEvent(raw, (buf, root) => [setNumber(buf, child(root, 'n'), 1)])).toBe(raw);
    const multi = Buffer.from('data: {"n":\ndata: 1}\n\n');
    expect(editEvent(multi, (buf, root) => [setNumber(buf, child(root, 'n'), 2)])).toBe(multi);
    const notJson = Buffer.from('data: [DONE]\n\n');
    expect(editEvent(notJson, (buf, root) => [setNumber(buf, child(root, 'n'), 2)])).toBe(notJson);
  });
});
