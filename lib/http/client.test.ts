import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, PEER_HEADER, stampPeer } from './client';

const req = (peer: string, forwarded?: string) =>
  new Request('http://x/', {
    headers: { [PEER_HEADER]: peer, ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) },
  });

describe('client address', () => {
  const proxies = parseTrustedProxies(['10.0.0.0/8', '::1']);

  it('is the peer unless the peer is a trusted proxy', () => {
    expect(clientAddress(req('203.0.113.5', '1.2.3.4'), proxies)).toBe('203.0.113.5');
    expect(clientAddress(req('::ffff:203.0.113.5'), proxies)).toBe('203.0.113.5');
    expect(clientAddress(new Request('http://x/', { headers: { 'x-forwarded-for': '1.2.3.4' } }), proxies)).toBe(
      'unknown',
    );
  });

  it('behind trusted proxies, the rightmost forwarded address that is not one of them', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 198.51.100.7, 10.2.2.2'), proxies)).toBe('198.51.100.7');
    expect(clientAddress(req('::1', '198.51.100.9'), proxies)).toBe('198.51.100.9');
    expect(clientAddress(req('10.0.0.1', '10.0.0.2'), proxies)).toBe('10.0.0.2');
    expect(clientAddress(req('10.0.0.1'), proxies)).toBe('10.0.0.1');
  });

  it('the peer stamped by the server replaces whatever a client sent under that name', () => {
    const incoming = {
      headers: { [PEER_HEADER]: '10.0.0.1' } as Record<string, string | string[] | undefined>,
      socket: { remoteAddress: '203.0.113.5' },
    };
    stampPeer(incoming as never);
    expect(incoming.headers[PEER_HEADER]).toBe('203.0.113.5');
  });

  it('refuses entries that are not addresses or ranges', () => {
    expect(() => parseTrustedProxies(['proxy.local'])).toThrow(/not an IP address/);
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(/prefix/);
  });
});
