/** The ceiling: a Fastify hello-world on the same machine, in the same run. */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const fastify = Fastify({ logger: false });
fastify.get('/', async () => ({ hello: 'world' }));
process.once('SIGTERM', () => void fastify.close().then(() => process.exit(0)));
await fastify.listen({ host: '127.0.0.1', port });
