import { randomBytes } from 'node:crypto';
import type { AgentsFile } from '../../adapters/agents';
import type { FloorModel } from '../simulator/model';
import { startFakeAmiServer } from './amiServer';
import { createAmiScript } from './amiScript';
import { createPbxFloor, spawnDemoAdapter, type PbxDemoOptions } from './pbxDemo';

export interface AmiDemo {
  model: FloorModel;
  amiPort: number;
  close(): Promise<void>;
}

/**
 * `npm run demo -- --source asterisk`: the simulated floor played by a fake Asterisk (a TCP server
 * speaking AMI), and the real adapter (`npm run adapter -- asterisk`, a process of its own) logged
 * in to it, writing to the stream. At speed 1 the PBX stamps events (timestampevents=yes); at other
 * speeds it does not, and the adapter uses the time it read them, as with a PBX that has it off.
 */
export async function startAmiDemo(o: PbxDemoOptions): Promise<AmiDemo> {
  let play: ReturnType<typeof createAmiScript> = () => [];
  const floor = createPbxFloor(o, (entry) => {
    for (const block of play(entry)) pbx.event(block);
  });
  const phone = new Map(floor.model.reps.map((rep, i) => [rep.id, `PJSIP/${1001 + i}`]));
  play = createAmiScript((rep) => phone.get(rep)!, o.speed === 1);
  const secret = randomBytes(12).toString('hex');
  const agents: AgentsFile = {
    agents: floor.model.reps.map((rep) => ({
      ...{ rep: rep.id, name: rep.name, team: rep.team },
      endpoints: [phone.get(rep.id)!],
    })),
  };
  const pbx = await startFakeAmiServer({ username: 'floorboard', secret, onClient: floor.begin });
  const adapter = await spawnDemoAdapter(
    o,
    'asterisk',
    { 'agents.json': { text: JSON.stringify(agents, null, 2) }, secret: { text: secret, secret: true } },
    (path) => [
      ...['--host', '127.0.0.1', '--port', String(pbx.port), '--username', 'floorboard'],
      ...['--secret-file', path('secret'), '--agents', path('agents.json')],
    ],
  );
  return {
    model: floor.model,
    amiPort: pbx.port,
    async close() {
      floor.stop();
      await adapter.close();
      await pbx.close();
    },
  };
}
