import { randomBytes } from 'node:crypto';
import type { FloorModel } from '../simulator/model';
import { createEslScript } from './eslScript';
import { startFakeEsl } from './eslServer';
import { createPbxFloor, spawnDemoAdapter, type PbxDemoOptions } from './pbxDemo';

export interface EslDemo {
  model: FloorModel;
  eslPort: number;
  close(): Promise<void>;
}

/**
 * `npm run demo -- --source freeswitch`: the simulated floor played by a fake FreeSWITCH (a TCP
 * server speaking the event socket protocol, inbound mode), and the real adapter (`npm run adapter
 * -- freeswitch`, a process of its own) connected to it, writing to the stream. FreeSWITCH stamps
 * every event with its own clock: at speed 1 that is the simulated time; at other speeds the time
 * the event is sent, so a fast floor never writes times ahead of the server's clock.
 */
export async function startEslDemo(o: PbxDemoOptions): Promise<EslDemo> {
  let play: ReturnType<typeof createEslScript> = () => [];
  const floor = createPbxFloor(o, (entry) => {
    for (const message of play(entry)) fs.event(message);
  });
  const sip = new Map(floor.model.reps.map((rep, i) => [rep.id, String(1001 + i)]));
  play = createEslScript(
    (rep) => sip.get(rep)!,
    (at) => (o.speed === 1 ? at : Math.min(at, Date.now())),
  );
  const password = randomBytes(12).toString('hex');
  const agents = {
    agents: floor.model.reps.map((rep) => ({ match: sip.get(rep.id)!, rep: rep.id, name: rep.name, team: rep.team })),
  };
  const fs = await startFakeEsl(password, { queueSubscribed: false, onClient: floor.begin });
  const adapter = await spawnDemoAdapter(
    o,
    'freeswitch',
    { 'agents.json': { text: JSON.stringify(agents, null, 2) }, password: { text: password, secret: true } },
    (path) => [
      ...['--host', '127.0.0.1', '--port', String(fs.port)],
      ...['--password-file', path('password'), '--agents', path('agents.json')],
    ],
  );
  return {
    model: floor.model,
    eslPort: fs.port,
    async close() {
      floor.stop();
      await adapter.close();
      await fs.close();
    },
  };
}
