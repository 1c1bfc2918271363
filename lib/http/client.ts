import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The header the custom server (server.ts) sets on every request to the TCP peer's address,
 * overwriting whatever a client sent: route handlers cannot see the socket.
 */
export const PEER_HEADER = 'x-ops-peer';

/** The custom server calls this on every request before Next sees it: the peer, and nothing a client wrote. */
export function stampPeer(req: Pick<IncomingMessage, 'headers' | 'socket' | 'url'>): void {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  // The path asked for, so a page that sends a signed-out user to sign in can bring them back to it.
  req.headers[REQUEST_PATH_HEADER] = req.url ?? '/';
}

/** Set by the server on every request (a client's own value is overwritten): the path and query asked for. */
export const REQUEST_PATH_HEADER = 'x-ops-request-path';

/**
 * A response that starts before its request's body was all received (a 413, a 401 or 429 refused
 * before reading) closes the connection: the unread rest of the body would otherwise be parsed as
 * the next request on a keep-alive connection, which then hung and was reset. Node's implicit
 * header write goes through writeHead, so this sees every response Next sends.
 */
export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!req.complete && !this.headersSent) {
      this.shouldKeepAlive = false;
      this.setHeader('connection', 'close');
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/** OPS_TRUSTED_PROXIES: addresses or CIDR ranges of the proxies in front (`10.0.0.0/8, 127.0.0.1`). */
export function parseTrustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
        throw new Error(`"${entry}" has a bad prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

const plain = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);
const trusts = (proxies: BlockList, a: string) => {
  const family = isIP(a);
  return family !== 0 && proxies.check(a, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * Who is calling, for throttling and logs: the TCP peer, unless the peer is a trusted proxy; then
 * X-Forwarded-For is read from the right, skipping trusted proxies, and the first other address is
 * the client. A forwarded header from anyone else is ignored: it is whatever the caller wrote.
 */
export function clientAddress(req: Request, proxies: BlockList): string {
  const peer = plain(req.headers.get(PEER_HEADER) ?? '') || 'unknown';
  if (!trusts(proxies, peer)) return peer;
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => plain(s.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusts(proxies, hops[i])) return hops[i];
  return hops[0] ?? peer;
}
