package io.iotaj.clasp.credit;

import io.iotaj.clasp.ledger.PathwayBatch;

/**
 * Turns a batch of sampled pathways into a credit per miner with confidence intervals. Implementations
 * keep their working memory between calls, so one instance serves one thread.
 */
public interface CreditEstimator
{
    /** Short stable name used in reports and JSON ("marginal", "additive", "interaction"). */
    String name();

    /** Fills {@code into} from {@code batch}; the batch must not be empty. */
    void estimate(PathwayBatch batch, CreditReport into);
}
