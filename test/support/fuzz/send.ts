/** Sends a generated request over a real loopback connection (through Node's HTTP parser, not `inject`). */
import { Agent, request as httpRequest } from 'node:http';
import type { FuzzRequest } from './requests.js';
import type { FuzzResponse } from './responses.js';

export function createSender(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const send = (req: FuzzRequest): Promise<FuzzResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...req.headers };
      const text = req.body?.map(([piece, times]) => piece.repeat(times)).join('');
      const body = text === undefined ? undefined : Buffer.from(text, req.latin1 ? 'latin1' : 'utf8');
      if (body !== undefined) headers['content-length'] = body.length;
      const r = httpRequest(
        { agent, hostname, port: Number(port), method: req.method, path: req.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  return { send, close: () => agent.destroy() };
}
