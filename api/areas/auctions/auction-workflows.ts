import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Auction } from '../../../db/entities';
import type { AuctionStatus, AuctionWorkflowInput } from '../../../workflows/auctions/auction-messages';
import { problems } from '../../http/problem';

export const auctionWorkflowId = (auctionCode: string) => `auction-${auctionCode}`;

export function workflowInputOf(a: Auction): AuctionWorkflowInput {
  return {
    auctionId: a.id,
    auctionCode: a.auctionCode,
    bondIsin: a.bond.isin,
    format: a.auctionType,
    bidBasis: a.bidBasis,
    biddingStartTime: a.biddingStartTime.toISOString(),
    biddingEndTime: a.biddingEndTime.toISOString(),
    manualProcessing: a.manualProcessing,
    totalLotSize: a.totalLotSize,
    greenshoeAmount: a.greenshoeAmount,
    roundSeconds: a.roundSeconds ?? null,
    maxRounds: a.maxRounds ?? null,
    clockStart: (a.bidBasis === 'PRICE' ? a.reservePrice : a.maxYield) ?? null,
    minIncrement: a.minIncrement ?? null,
    finalists: a.finalists ?? null,
    settlementDelaySeconds: a.settlementDelaySeconds ?? null,
  };
}

/** Starts `auction-<code>`; a workflow of that id already running or finished is a 409, never a second one. */
export async function startAuctionWorkflow(
  client: Client,
  taskQueue: string,
  auction: Auction,
): Promise<void> {
  try {
    await client.workflow.start('auctionWorkflow', {
      taskQueue,
      workflowId: auction.workflowId,
      args: [workflowInputOf(auction)],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { auctionCode: auction.auctionCode, format: auction.auctionType },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw problems.conflict('duplicate', `Auction workflow ${auction.workflowId} already exists.`);
    }
    throw problems.unavailable('The auction scheduler (Temporal)');
  }
}

/** Sends an update and waits for the state it leads to; a state that does not allow it is a 409. */
export async function updateAuction(
  client: Client,
  auction: Auction,
  update: UpdateDefinition<AuctionStatus, [unknown]> | UpdateDefinition<AuctionStatus, []>,
  ...args: [unknown] | []
): Promise<AuctionStatus> {
  const handle = client.workflow.getHandle(auction.workflowId);
  try {
    // One path serves every command, so the update goes by name with the arguments it was defined with.
    return await handle.executeUpdate<AuctionStatus, [unknown]>(update.name, { args: args as [unknown] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      throw problems.conflict('auction-state', err.cause?.message ?? err.message);
    }
    if (err instanceof WorkflowNotFoundError) {
      throw problems.conflict('auction-state', `The auction is ${auction.state} and takes no more commands.`);
    }
    throw err;
  }
}
