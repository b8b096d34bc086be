import type { RiskRun } from '../../db/entities';
import type { PortfolioRiskResult } from '../../domain/portfolios/portfolio-var';
import type { WsEventBus } from '../../platform/ws-events';

/** The WebSocket channel and event type of a finished run's headline figures. */
export const RISK_METRICS_CHANNEL = 'risk_metrics';
export const RISK_METRICS_EVENT = 'RISK_METRICS_UPDATED';

/** Tells the owning participant's risk stream that a portfolio has new figures. */
export function createRunNotifier(wsEvents: WsEventBus) {
  return (run: RiskRun, result: PortfolioRiskResult) =>
    wsEvents.publish(
      'risk',
      { participantId: run.portfolio.participant.id, channel: RISK_METRICS_CHANNEL },
      RISK_METRICS_EVENT,
      {
        portfolio_id: run.portfolio.id,
        run_id: run.id,
        trigger: run.trigger,
        method: run.method,
        confidence_level: Number(run.confidenceLevel),
        time_horizon: run.timeHorizon,
        var: result.var,
        expected_shortfall: result.expected_shortfall,
        market_value: result.market_value,
        dv01: result.dv01,
        modified_duration: result.modified_duration,
      },
    );
}
