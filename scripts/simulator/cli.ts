// npx tsx scripts/simulator/cli.ts --port 8443 --agents 60 --seed 1 [--live] [--latency 300]
//   [--tokens demo-token,other] [--tz America/Bogota] [--hostile]
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    agents: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    tz: { type: 'string', default: 'America/Bogota' },
    tokens: { type: 'string', default: 'demo-token' },
    latency: { type: 'string', default: '0' },
    live: { type: 'boolean', default: false },
    hostile: { type: 'boolean', default: false },
  },
});

const sim = await startSimulator({
  port: Number(values.port),
  agents: Number(values.agents),
  seed: Number(values.seed),
  timeZone: values.tz,
  tokens: values.tokens.split(',').filter(Boolean),
  latencyMs: Number(values.latency),
  hostileNames: values.hostile,
});

console.log(`wolkvox simulator on ${sim.origin} (port ${sim.port})`);
console.log(`  API:      https://wv0032.wolkvox.com/api/v2/gamification.php (any wv<digits> host)`);
console.log(`  AgentBox: https://agentbox.wolkvox.com/`);
console.log(
  `  Chromium: --host-resolver-rules="${sim.hostResolverRules}" --ignore-certificate-errors`,
);
console.log(`  Control:  POST/DELETE /__sim/fault, POST /__sim/advance, GET /__sim/log`);

// Live mode moves today's figures every minute, as the real report refreshes during a shift.
const live = values.live ? setInterval(() => sim.advance(), 60_000) : undefined;

const stop = (): void => {
  clearInterval(live);
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
