/**
 * The Twelve Data price stream against a local WebSocket server speaking its documented protocol
 * (test/support/fake-twelve-data.ts): subscriptions, price events, heartbeats, reconnection with backoff
 * and resubscription, and what a broken server sends. Waits are for events, with a timeout against hangs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MissingApiKeyError } from '../../../../lib/sources/http-json.js';
import type { SourceError } from '../../../../lib/sources/source-errors.js';
import {
  backoffDelay,
  defaultBackoff,
  openTwelveDataStream,
  type PriceTick,
  type SubscriptionStatus,
  type TwelveDataStream,
  type TwelveDataStreamOptions,
} from '../../../../lib/sources/twelve-data-stream.js';
import {
  startFakeTwelveData,
  type FakeTwelveData,
  type FakeTwelveDataOptions,
} from '../../../support/fake-twelve-data.js';
import { waitFor } from '../../../support/wait-for.js';

const apiKey = 'td-stream-key';
let fake: FakeTwelveData | undefined;
let stream: TwelveDataStream | undefined;
afterEach(async () => {
  await stream?.close();
  await fake?.close();
  stream = undefined;
  fake = undefined;
});

interface Seen {
  ticks: PriceTick[];
  statuses: SubscriptionStatus[];
  errors: SourceError[];
  connections: { state: string; attempt?: number; retryInMs?: number }[];
}

async function open(
  server: Partial<FakeTwelveDataOptions> = {},
  client: Partial<TwelveDataStreamOptions> = {},
) {
  fake = await startFakeTwelveData({ apiKey, ...server });
  const seen: Seen = { ticks: [], statuses: [], errors: [], connections: [] };
  stream = openTwelveDataStream({
    apiKey,
    url: fake.wsUrl,
    onPrice: (t) => seen.ticks.push(t),
    onStatus: (s) => seen.statuses.push(s),
    onError: (e) => seen.errors.push(e),
    onConnection: (c) => seen.connections.push(c),
    backoff: { initialMs: 10, maxMs: 50, factor: 2 },
    ...client,
  });
  await waitFor('the stream to connect', () => stream!.connected);
  return { fake, stream, seen };
}

const subscribes = (f: FakeTwelveData) =>
  f.streamMessages.filter((m) => (m as { action?: string }).action === 'subscribe');

describe('Twelve Data price stream', () => {
  it('subscribes with SYMBOL:EXCHANGE and turns price events into ticks', async () => {
    const { fake, stream, seen } = await open();
    stream.subscribe(['aapl:nasdaq', 'RY:TSX']);
    await waitFor('the subscribe status', () => seen.statuses.length === 1);
    expect(fake.streamMessages[0]).toEqual({
      action: 'subscribe',
      params: { symbols: 'AAPL:NASDAQ,RY:TSX' },
    });
    expect(seen.statuses[0]).toEqual({
      event: 'subscribe-status',
      succeeded: ['AAPL:NASDAQ', 'RY:TSX'],
      failed: [],
    });
    expect(fake.pushPrice('AAPL:NASDAQ', 342.0157, 1592249566)).toBe(1);
    await waitFor('a tick', () => seen.ticks.length === 1);
    expect(seen.ticks[0]).toEqual({
      instrument: 'AAPL:NASDAQ',
      price: 342.0157,
      timestamp: 1_592_249_566_000,
      dayVolume: 27_631_112,
    });
    expect(stream.subscriptions).toEqual(['AAPL:NASDAQ', 'RY:TSX']);
  });

  it('unsubscribes: the server stops sending that instrument', async () => {
    const { fake, stream, seen } = await open();
    stream.subscribe(['AAPL:NASDAQ', 'MSFT:NASDAQ']);
    await waitFor('the subscribe status', () => seen.statuses.length === 1);
    stream.unsubscribe(['MSFT:NASDAQ']);
    await waitFor('the unsubscribe status', () => seen.statuses.length === 2);
    expect(fake.streamMessages[1]).toEqual({ action: 'unsubscribe', params: { symbols: 'MSFT:NASDAQ' } });
    expect(fake.pushPrice('MSFT:NASDAQ', 401, 1709269200)).toBe(0);
    expect(stream.subscriptions).toEqual(['AAPL:NASDAQ']);
  });

  it('reports a refused subscription by name', async () => {
    const { stream, seen } = await open();
    stream.subscribe(['NOPE:NASDAQ', 'AAPL:NASDAQ']);
    await waitFor('the refusal', () => seen.errors.length === 1);
    expect(seen.statuses[0]).toMatchObject({ succeeded: ['AAPL:NASDAQ'], failed: ['NOPE:NASDAQ'] });
    expect(seen.errors[0]!.message).toBe('Twelve Data stream refused to subscribe NOPE:NASDAQ');
    expect(seen.errors[0]!.retryable).toBe(false);
  });

  it('sends the documented heartbeat on its period', async () => {
    const { fake } = await open({}, { heartbeatMs: 20 });
    await waitFor('a heartbeat', () =>
      fake.streamMessages.some((m) => (m as { action?: string }).action === 'heartbeat'),
    );
    expect(fake.streamMessages).toContainEqual({ action: 'heartbeat' });
  });

  it('reports malformed messages without crashing, and keeps streaming', async () => {
    const { fake, stream, seen } = await open();
    stream.subscribe(['AAPL:NASDAQ']);
    await waitFor('the subscribe status', () => seen.statuses.length === 1);
    fake.sendRaw('<html>oops</html>');
    fake.sendRaw('{"event":"price","symbol":"AAPL"}');
    fake.sendRaw('[1,2]');
    await waitFor('three errors', () => seen.errors.length === 3);
    expect(seen.errors.map((e) => e.message)).toEqual([
      'Twelve Data stream sent a message that is not JSON: "<html>oops</html>"',
      'Twelve Data stream sent a price event without symbol, price and timestamp: "{\\"event\\":\\"price\\",\\"symbol\\":\\"AAPL\\"}"',
      'Twelve Data stream sent "[1,2]", not an event object',
    ]);
    fake.pushPrice('AAPL:NASDAQ', 180.5, 1709269260);
    await waitFor('a tick after the garbage', () => seen.ticks.length === 1);
    expect(stream.connected).toBe(true);
  });

  it('reconnects with exponential backoff and subscribes again', async () => {
    const { fake, stream, seen } = await open();
    stream.subscribe(['AAPL:NASDAQ']);
    await waitFor('the subscribe status', () => seen.statuses.length === 1);
    fake.refuseConnections(3);
    fake.dropSockets();
    await waitFor('the resubscription', () => subscribes(fake).length === 2);
    // 10 ms, then doubling, at most 50 ms: 10, 20, 40, 50 before the fourth attempt gets through.
    expect(seen.connections.filter((c) => c.state === 'closed').map((c) => c.retryInMs)).toEqual([
      10, 20, 40, 50,
    ]);
    expect(subscribes(fake)[1]).toEqual({ action: 'subscribe', params: { symbols: 'AAPL:NASDAQ' } });
    expect(fake.connections).toBe(2);
    expect(seen.errors.map((e) => e.message)).toContain(
      'Twelve Data stream connection failed: Unexpected server response: 503',
    );
    fake.pushPrice('AAPL:NASDAQ', 181, 1709269320);
    await waitFor('a tick on the new connection', () => seen.ticks.length === 1);
    expect(seen.ticks[0]!.price).toBe(181);
  });

  it('ends a connection whose peer stops answering pings, and opens a new one', async () => {
    const { fake, seen } = await open({ silentStream: true }, { heartbeatMs: 20 });
    await waitFor('a reconnection', () => fake.connections >= 2);
    expect(seen.connections.find((c) => c.state === 'closed')).toMatchObject({ attempt: 1, retryInMs: 10 });
  });

  it('a refused key is reported and not retried', async () => {
    fake = await startFakeTwelveData({ apiKey });
    const errors: SourceError[] = [];
    const closed: unknown[] = [];
    stream = openTwelveDataStream({
      apiKey: 'wrong',
      url: fake.wsUrl,
      onPrice: () => undefined,
      onError: (e) => errors.push(e),
      onConnection: (c) => closed.push(c),
    });
    await waitFor('the close', () => closed.length === 1);
    expect(errors[0]!.message).toBe(
      'Twelve Data stream refused the connection (HTTP 401): check TWELVE_DATA_API_KEY',
    );
    expect(closed).toEqual([{ state: 'closed', attempt: 0 }]);
    expect(fake.connections).toBe(0);
  });

  it('names the variable when the key is missing', () => {
    expect(() => openTwelveDataStream({ url: 'ws://127.0.0.1:9/', onPrice: () => undefined })).toThrow(
      MissingApiKeyError,
    );
  });

  it('backs off 1 s, 2 s, 4 s ... up to a minute by default', () => {
    expect([0, 1, 2, 5, 6, 10].map((n) => backoffDelay(defaultBackoff, n))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
  });
});
