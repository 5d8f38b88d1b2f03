import { versionRefusal } from './version-check.js';

const SERVED = ['2026-07-28', '2025-11-25', '2025-06-18'];
const modern = (version: string, id: unknown = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/list',
  params: { _meta: { 'io.modelcontextprotocol/protocolVersion': version } },
});
const legacy = { jsonrpc: '2.0', id: 'a', method: 'tools/list' };

describe('versionRefusal', () => {
  it('lets served versions through, and requests that name none (initialize negotiates)', () => {
    expect(versionRefusal('2025-06-18', legacy, SERVED)).toBeUndefined();
    expect(versionRefusal('2026-07-28', modern('2026-07-28'), SERVED)).toBeUndefined();
    expect(versionRefusal(undefined, legacy, SERVED)).toBeUndefined();
    expect(versionRefusal(undefined, [legacy], SERVED)).toBeUndefined();
  });

  it('answers a 2025-era request with the transport error, its id, and every served version', () => {
    expect(versionRefusal('2025-03-26', legacy, SERVED)).toEqual({
      code: -32000,
      message:
        'Bad Request: Unsupported protocol version: 2025-03-26 (supported versions: 2026-07-28, 2025-11-25, 2025-06-18)',
      id: 'a',
    });
    expect(versionRefusal('banana', [legacy], SERVED)).toMatchObject({ code: -32000, id: null });
  });

  it('answers a request naming its version in _meta with -32022 and data.supported', () => {
    expect(versionRefusal('2027-01-01', modern('2027-01-01', 9), SERVED)).toEqual({
      code: -32022,
      message:
        'Unsupported protocol version: 2027-01-01. This server supports 2026-07-28, 2025-11-25, 2025-06-18.',
      id: 9,
      data: { supported: SERVED, requested: '2027-01-01' },
    });
  });

  it('refuses a 2026-07-28 request when that revision is switched off, offering the 2025 ones', () => {
    const refusal = versionRefusal('2026-07-28', modern('2026-07-28'), ['2025-11-25']);
    expect(refusal).toMatchObject({
      code: -32022,
      data: { supported: ['2025-11-25'], requested: '2026-07-28' },
    });
  });

  it('checks the _meta version even without the header, and echoes only usable ids', () => {
    expect(versionRefusal(undefined, modern('2030-01-01', { bad: true }), SERVED)).toMatchObject({
      code: -32022,
      id: null,
    });
  });
});
