import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/orm-config';
import { connectTemporalClient } from '../platform/temporal';
import { WsEventBus } from '../platform/ws-events';
import { ApiClient } from './market-maker/api-client';
import { FillListener } from './market-maker/fill-listener';
import { haltMarketMaker } from './market-maker/halt';
import { MarketMakerEngine } from './market-maker/market-maker-engine';
import { loadMarketMakerSettings } from './market-maker/market-maker-config';
import { marketMakerMetrics } from './market-maker/market-maker-metrics';
import { main } from './runtime/worker-process';

// The automated market maker: a MARKET_MAKER member's program that trades only through the public
// API and its WebSocket. The database and Temporal are used only to record a halt and raise its alert.
main({
  kind: 'market-maker',
  defaultMetricsPort: 9104,
  async start({ config, log, metrics, redis }) {
    const settings = loadMarketMakerSettings(config);
    const api = new ApiClient(settings.apiUrl, settings.username, settings.password, log);
    // The API may still be starting under the orchestrator: wait for it rather than die and restart.
    for (let attempt = 1; ; attempt++) {
      try {
        await api.login();
        break;
      } catch (err) {
        if (attempt >= 30) throw err;
        log.warn({ err: String(err), attempt }, 'API not ready for the market maker; retrying');
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 2 }));
    const temporal = await connectTemporalClient(config.temporal);
    const wsEvents = new WsEventBus(redis, config.redisPrefix);
    const participantId = api.participantId;
    const engine = new MarketMakerEngine({
      api,
      log,
      metrics: marketMakerMetrics(metrics),
      cycleMs: settings.cycleMs,
      halt: (breach, evidence) =>
        haltMarketMaker(
          { orm, temporal, taskQueue: config.temporal.taskQueue, wsEvents, log },
          participantId,
          breach,
          evidence,
        ),
    });
    const fills = new FillListener(api, log, (bond, orderId) => engine.onFill(bond, orderId));
    await fills.start();
    await engine.start();
    log.info({ participant_id: participantId, api: settings.apiUrl }, 'market maker quoting');
    return {
      async stop() {
        fills.stop();
        await engine.stop();
        await temporal.connection.close();
        await orm.close();
      },
    };
  },
});
