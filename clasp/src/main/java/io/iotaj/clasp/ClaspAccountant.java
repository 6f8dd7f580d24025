package io.iotaj.clasp;

import io.iotaj.clasp.credit.CreditEstimator;
import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.detect.ExploitDetector;
import io.iotaj.clasp.emission.EmissionCalculator;
import io.iotaj.clasp.emission.EmissionHistory;
import io.iotaj.clasp.emission.EmissionWindow;
import io.iotaj.clasp.emission.WorkTally;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.clasp.ledger.RecordHandler;

/**
 * Folds a pathway ledger into emission windows: every {@code windowRecords} new records become one
 * window whose work is those records (one sample of work per miner on each pathway) and whose credits and
 * flags come from the last {@code lookbackRecords} records up to the window's end. Windows are appended
 * to the history, which also tells a restarted accountant where it stopped.
 * <p>
 * Validators' verdicts ({@link #onVerdict}) count against the window being built when they arrive: each failed
 * or missing re-run removes one sample from the miner's validated work, and a miner with more checks failed
 * than passed is paid nothing that window.
 * <p>
 * The lookback is kept in memory and slides forward, so the ledger is read once, in order (one seek back
 * to refill the lookback after a restart).
 */
public final class ClaspAccountant implements VerdictListener
{
    private final PathwayLedger ledger;
    private final CreditEstimator estimator;
    private final ExploitDetector detector;
    private final EmissionCalculator calculator;
    private final EmissionHistory history;
    private final int windowRecords;
    private final int lookbackRecords;
    private final PathwayBatch batch;
    private final CreditReport credits = new CreditReport();
    private final DetectionReport detection = new DetectionReport();
    private final WorkTally work = new WorkTally();
    private final WorkTally pendingFailures = new WorkTally();
    private final RecordHandler tallyWork;
    private long position;
    private long attributionNanos;
    private long minStep;
    private long maxStep;

    public ClaspAccountant(
        final PathwayLedger ledger,
        final CreditEstimator estimator,
        final ExploitDetector detector,
        final EmissionCalculator calculator,
        final EmissionHistory history,
        final int windowRecords,
        final int lookbackRecords)
    {
        if (windowRecords < 1 || lookbackRecords < windowRecords)
        {
            throw new IllegalArgumentException(
                "need 1 <= window records <= lookback records, got " + windowRecords + ", " + lookbackRecords);
        }
        this.ledger = ledger;
        this.estimator = estimator;
        this.detector = detector;
        this.calculator = calculator;
        this.history = history;
        this.windowRecords = windowRecords;
        this.lookbackRecords = lookbackRecords;
        this.batch = new PathwayBatch(ledger.stages(), lookbackRecords);
        this.tallyWork = (sampleId, step, pathway, loss) ->
        {
            batch.add(sampleId, step, pathway, loss);
            for (int s = 0; s < pathway.length; s++)
            {
                work.processed(pathway[s], s, 1);
            }
            minStep = Math.min(minStep, step);
            maxStep = Math.max(maxStep, step);
        };
        final EmissionWindow last = history.latest();
        if (last != null)
        {
            calculator.restore(last);
            position = last.toPosition;
        }
        final long from = Math.max(0, position - (lookbackRecords - windowRecords));
        ledger.read(from, (int)(position - from), batch::add);
    }

    @Override
    public void onVerdict(final int minerId, final boolean passed)
    {
        if (passed)
        {
            pendingFailures.passed(minerId, 1);
        }
        else
        {
            pendingFailures.failed(minerId, 1);
        }
    }

    /** Ledger position up to which windows have been emitted. */
    public long position()
    {
        return position;
    }

    /** Wall time spent estimating credits and detecting, summed over all windows (for the CPU share). */
    public long attributionNanos()
    {
        return attributionNanos;
    }

    /** Detection behind the latest window (valid until the next fold). */
    public DetectionReport lastDetection()
    {
        return detection;
    }

    /** Emits every complete window of new records; returns how many. */
    public int fold()
    {
        int windows = 0;
        while (ledger.size() - position >= windowRecords)
        {
            final long end = position + windowRecords;
            work.clear();
            minStep = Long.MAX_VALUE;
            maxStep = Long.MIN_VALUE;
            batch.dropOldest(batch.size() + windowRecords - lookbackRecords);
            ledger.read(position, windowRecords, tallyWork);
            for (int i = 0; i < pendingFailures.size(); i++)
            {
                work.failed(pendingFailures.minerId(i), pendingFailures.failed(i));
                work.passed(pendingFailures.minerId(i), pendingFailures.passed(i));
            }
            pendingFailures.clear();
            DetectionReport verdict = null;
            if (batch.size() > 0)
            {
                final long start = System.nanoTime();
                estimator.estimate(batch, credits);
                detector.detect(credits, detection);
                attributionNanos += System.nanoTime() - start;
                verdict = detection;
            }
            final boolean anyStep = minStep <= maxStep;
            history.append(calculator.next(verdict, work, position, end,
                anyStep ? minStep : 0, anyStep ? maxStep + 1 : 0));
            position = end;
            windows++;
        }
        return windows;
    }
}
