/**
 * A raw TCP client for what an HTTP library will not send: oversized headers, a Content-Length that lies,
 * a body that never ends. It collects what the server writes until the server closes the connection.
 */
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Everything the server wrote. */
  text: string;
  /** Whether the server closed the connection (false: the client gave up first). */
  closedByServer: boolean;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Sends `bytes` (and keeps the connection open) until the server closes it, or `giveUpMs` passes. */
export function rawExchange(port: number, bytes: string, giveUpMs = 10_000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedByServer: true });
    });
    socket.write(bytes);
  });
}

/** The first response in what the server wrote. */
export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  const length = Number(headers['content-length'] ?? 0);
  const body = text.slice(end + 4, end + 4 + length);
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}
