package io.iotaj.clasp.credit;

import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.stats.RobustStatistics;

import java.util.Arrays;

/**
 * Credit from a ridge regression of loss on who was on the pathway, with time controlled for:
 * <pre>
 *   loss_i = window(step_i) + sum_s beta[miner_i,s] (+ sum_s gamma[miner_i,s, miner_i,s+1]) + e_i
 * </pre>
 * The window intercepts are unpenalised and absorb training progress; miner effects beta carry a ridge
 * penalty {@code lambdaMiner}, adjacent-stage pair terms gamma (interaction-aware form only) a larger
 * {@code lambdaPair}. The penalty also fixes the model's gauge: the minimum-penalty solution leaves each
 * stage's betas centred and each block of gammas (nearly) double-centred, so beta is a miner's average
 * effect over its partners and gamma only what a pair does beyond its two averages.
 * <p>
 * Credit is a linear contrast of the coefficients: a miner's is minus its effect centred on its stage
 * (under the additive model, the miner's Shapley value), a pair's is minus its double-centred gamma.
 * The normal equations are solved by Cholesky. Standard errors are heteroscedasticity-robust (sandwich,
 * HC1): Var(c'theta) = n/(n-p) * sum_i e_i^2 (x_i' A^-1 c)^2 with A = X'X + Lambda, using A^-1 formed once
 * from the factor and the contrasts' sparsity; the ridge bias is ignored, which is small while lambda is
 * small next to each miner's sample count.
 * <p>
 * Residuals are far from homoscedastic: a miner that replays old outputs or wrecks its activations makes
 * every loss through it several times noisier than the rest, and plain least squares lets that noise into
 * every other stage's estimates (each sample also passes one miner per other stage). So the fit is
 * feasible weighted least squares: after a first fit, each miner's residual variance is estimated from
 * the squared residuals of its samples (shrunk toward the overall mean by {@link #VARIANCE_PRIOR_SAMPLES}
 * pseudo-samples), a sample's variance is modelled as the typical (median) miner's plus every miner on its
 * pathway's excess over it, and the fit is repeated with weights 1 / variance, normalised to mean 1 so the
 * ridge penalties keep their meaning in samples. {@code reweightPasses} such passes (0: plain ridge). The
 * sandwich errors then read Var(c'theta) = n/(n-p) * sum_i (w_i e_i x_i' A^-1 c)^2 with A = X'WX + Lambda,
 * valid whatever the weights.
 * <p>
 * Last, a {@link PathwayMeanCheck} compares each miner's effect with the plain mean of its own samples' losses
 * net of everyone else's terms, and corrects the effects of miners whose samples contradict the model by far
 * (behaviours that do not add up along a pathway), before the credits are centred on each stage.
 */
public final class RidgeCreditEstimator implements CreditEstimator
{
    private static final double WINDOW_PENALTY = 1e-6;
    /** Pseudo-samples at the overall residual variance added to each miner's own when reweighting. */
    static final double VARIANCE_PRIOR_SAMPLES = 10;
    /** Two dense p x p matrices of this size take 64 MiB; beyond it the estimate is refused. */
    public static final int MAX_PARAMETERS = 2048;

    private final String name;
    private final boolean interactions;
    private final double z;
    private final double lambdaMiner;
    private final double lambdaPair;
    private final int windowSamples;
    private final int maxWindows;
    private final int reweightPasses;
    private final PathwayMeanCheck check;

    private int[] pairBase = new int[0];
    private double[] normal = new double[0];
    private double[] inverse = new double[0];
    private double[] theta = new double[0];
    private double[] direction = new double[0];
    private double[] centred = new double[0];
    private double[] grid = new double[0];
    private int[] contrastIndex = new int[0];
    private double[] contrastValue = new double[0];
    private int contrastSize;
    private long[] samplesPer = new long[0];
    private int[] columns = new int[0];
    private double[] residual = new double[0];
    private double[] weight = new double[0];
    private double[] minerVariance = new double[0];
    private double[] sortScratch = new double[0];
    private int nonZeros;
    private int parameters;

    private RidgeCreditEstimator(
        final String name,
        final boolean interactions,
        final double z,
        final double lambdaMiner,
        final double lambdaPair,
        final int windowSamples,
        final int maxWindows,
        final int reweightPasses,
        final double checkZ)
    {
        if (!(lambdaMiner > 0) || (interactions && !(lambdaPair > 0)))
        {
            throw new IllegalArgumentException("ridge penalties must be positive");
        }
        if (windowSamples < 1 || maxWindows < 1)
        {
            throw new IllegalArgumentException("window sizes must be positive");
        }
        if (reweightPasses < 0)
        {
            throw new IllegalArgumentException("reweighting passes must be non-negative, got " + reweightPasses);
        }
        this.name = name;
        this.interactions = interactions;
        this.z = z;
        this.lambdaMiner = lambdaMiner;
        this.lambdaPair = lambdaPair;
        this.windowSamples = windowSamples;
        this.maxWindows = maxWindows;
        this.reweightPasses = reweightPasses;
        this.check = new PathwayMeanCheck(checkZ);
    }

    /**
     * Miner effects plus time windows, reweighted {@code reweightPasses} times, effects checked against each
     * miner's own samples at {@code checkZ} standard errors (infinite: no check; see the class comment).
     */
    public static RidgeCreditEstimator additive(
        final double z, final double lambdaMiner, final int windowSamples, final int maxWindows,
        final int reweightPasses, final double checkZ)
    {
        return new RidgeCreditEstimator("additive", false, z, lambdaMiner, 0, windowSamples, maxWindows,
            reweightPasses, checkZ);
    }

    /** Miner effects, adjacent-stage pair terms and time windows; the rest as {@link #additive}. */
    public static RidgeCreditEstimator interactionAware(
        final double z, final double lambdaMiner, final double lambdaPair, final int windowSamples,
        final int maxWindows, final int reweightPasses, final double checkZ)
    {
        return new RidgeCreditEstimator(
            "interaction", true, z, lambdaMiner, lambdaPair, windowSamples, maxWindows, reweightPasses, checkZ);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void estimate(final PathwayBatch batch, final CreditReport into)
    {
        final int n = batch.size();
        if (n == 0)
        {
            throw new IllegalArgumentException("cannot estimate credit from an empty batch");
        }
        final Roster roster = into.roster().rebuild(batch);
        final int stages = roster.stages();
        final int miners = roster.size();
        final int windows = Math.max(1, Math.min(maxWindows, n / windowSamples));
        final int pairs = layoutPairs(roster);
        parameters = windows + miners + pairs;
        if (parameters > MAX_PARAMETERS)
        {
            throw new IllegalArgumentException(name + " estimator: " + parameters + " parameters (" + miners +
                " miners, " + pairs + " pairs) exceed " + MAX_PARAMETERS + "; estimate fewer miners per batch");
        }
        nonZeros = 1 + stages + (interactions ? stages - 1 : 0);
        ensureCapacity(n);

        final double mean = encode(batch, roster, windows);
        Arrays.fill(weight, 0, n, 1.0);
        for (int pass = 0; ; pass++)
        {
            accumulate(batch, n, mean, windows, miners);
            if (!Cholesky.factor(normal, parameters))
            {
                throw new IllegalStateException("ridge normal equations are not positive definite");
            }
            Cholesky.solve(normal, parameters, theta);
            if (pass == reweightPasses)
            {
                break;
            }
            computeResiduals(batch, n, mean);
            reweight(n, stages, windows, miners);
        }
        Cholesky.inverse(normal, parameters, inverse);
        final double scale = computeResiduals(batch, n, mean);

        if (check.enabled())
        {
            checkEffects(roster, n, windows);
        }

        into.begin(name, z, n);
        for (int c = 0; c < miners; c++)
        {
            // minus the miner's (checked) effect centred on its stage's plain mean
            final int stage = roster.stageOf(c);
            final int first = windows + roster.firstColumn(stage);
            final int peers = roster.minersInStage(stage);
            contrastSize = 0;
            double corrected = 0;
            for (int k = 0; k < peers; k++)
            {
                final double weight = 1.0 / peers - (first + k == windows + c ? 1.0 : 0.0);
                addToContrast(first + k, weight);
                corrected += check.enabled() ? weight * check.correction(first + k - windows) : 0;
            }
            double error = standardError(n, scale);
            if (check.enabled() && check.correction(c) != 0)
            {
                error = Math.max(error, check.meanError(c));
            }
            into.setMiner(c, contrastValue() + corrected, error, count(c + windows));
        }
        if (interactions)
        {
            reportPairs(roster, windows + miners, n, scale, into);
        }
    }

    /** Feeds the check each sample's loss net of all but each of its miners' own terms (main and pairs). */
    private void checkEffects(final Roster roster, final int n, final int windows)
    {
        final int stages = roster.stages();
        check.reset(roster.size());
        for (int i = 0; i < n; i++)
        {
            final int at = i * nonZeros;
            for (int s = 0; s < stages; s++)
            {
                final int column = columns[at + 1 + s];
                double own = theta[column];
                if (interactions && s > 0)
                {
                    own += theta[columns[at + stages + s]];
                }
                if (interactions && s + 1 < stages)
                {
                    own += theta[columns[at + 1 + stages + s]];
                }
                check.add(column - windows, residual[i] + own);
            }
        }
        check.solve(roster, theta, windows);
    }

    /** Lays out one pair column per (stage s miner, stage s+1 miner); returns how many there are. */
    private int layoutPairs(final Roster roster)
    {
        final int stages = roster.stages();
        if (pairBase.length < stages)
        {
            pairBase = new int[stages];
        }
        int pairs = 0;
        for (int s = 0; interactions && s + 1 < stages; s++)
        {
            pairBase[s] = pairs;
            pairs += roster.minersInStage(s) * roster.minersInStage(s + 1);
        }
        return pairs;
    }

    private void ensureCapacity(final int n)
    {
        if (normal.length < parameters * parameters)
        {
            normal = new double[parameters * parameters];
            inverse = new double[parameters * parameters];
            theta = new double[parameters];
            direction = new double[parameters];
            contrastIndex = new int[parameters];
            contrastValue = new double[parameters];
        }
        if (samplesPer.length < parameters)
        {
            samplesPer = new long[parameters];
            minerVariance = new double[parameters];
            sortScratch = new double[parameters];
        }
        if (columns.length < n * nonZeros)
        {
            columns = new int[n * nonZeros];
            residual = new double[n];
            weight = new double[n];
        }
    }

    /** Writes each record's non-zero design columns; returns the mean loss. */
    private double encode(final PathwayBatch batch, final Roster roster, final int windows)
    {
        final int n = batch.size();
        final int stages = roster.stages();
        long minStep = Long.MAX_VALUE;
        long maxStep = Long.MIN_VALUE;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            minStep = Math.min(minStep, batch.step(i));
            maxStep = Math.max(maxStep, batch.step(i));
            mean += batch.loss(i);
        }
        final double windowsPerStep = (double)windows / (maxStep - minStep + 1);
        final int pairOffset = windows + roster.size();
        for (int i = 0; i < n; i++)
        {
            int at = i * nonZeros;
            columns[at++] = Math.min(windows - 1, (int)((batch.step(i) - minStep) * windowsPerStep));
            for (int s = 0; s < stages; s++)
            {
                columns[at++] = windows + roster.column(s, batch.miner(i, s));
            }
            for (int s = 0; interactions && s + 1 < stages; s++)
            {
                final int first = roster.column(s, batch.miner(i, s)) - roster.firstColumn(s);
                final int second = roster.column(s + 1, batch.miner(i, s + 1)) - roster.firstColumn(s + 1);
                columns[at++] = pairOffset + pairBase[s] + first * roster.minersInStage(s + 1) + second;
            }
        }
        return mean / n;
    }

    /** A = X'WX + Lambda into {@link #normal}, X'Wy into {@link #theta}; counts samples per column. */
    private void accumulate(final PathwayBatch batch, final int n, final double mean, final int windows,
        final int miners)
    {
        final int p = parameters;
        Arrays.fill(normal, 0, p * p, 0);
        Arrays.fill(theta, 0, p, 0);
        Arrays.fill(samplesPer, 0, p, 0);
        for (int i = 0; i < n; i++)
        {
            final int at = i * nonZeros;
            final double w = weight[i];
            final double y = w * (batch.loss(i) - mean);
            for (int j = 0; j < nonZeros; j++)
            {
                final int row = columns[at + j];
                theta[row] += y;
                samplesPer[row]++;
                final int base = row * p;
                for (int k = 0; k < nonZeros; k++)
                {
                    normal[base + columns[at + k]] += w;
                }
            }
        }
        for (int j = 0; j < p; j++)
        {
            final double penalty = j < windows ? WINDOW_PENALTY : j < windows + miners ? lambdaMiner : lambdaPair;
            normal[j * p + j] += penalty;
        }
    }

    /** Residuals into {@link #residual}; returns the HC1 factor n / (n - p). */
    private double computeResiduals(final PathwayBatch batch, final int n, final double mean)
    {
        for (int i = 0; i < n; i++)
        {
            double fitted = 0;
            final int at = i * nonZeros;
            for (int j = 0; j < nonZeros; j++)
            {
                fitted += theta[columns[at + j]];
            }
            residual[i] = batch.loss(i) - mean - fitted;
        }
        return (double)n / Math.max(1, n - parameters);
    }

    /**
     * New weights from the current residuals: each miner's residual variance (shrunk toward the overall
     * one), a sample's variance the median miner's plus the excess of each miner on its pathway, weight
     * 1 / variance normalised to mean 1 (see the class comment).
     */
    private void reweight(final int n, final int stages, final int windows, final int miners)
    {
        double overall = 0;
        Arrays.fill(minerVariance, 0, miners, 0);
        for (int i = 0; i < n; i++)
        {
            final double e2 = residual[i] * residual[i];
            overall += e2;
            final int at = i * nonZeros + 1;
            for (int s = 0; s < stages; s++)
            {
                minerVariance[columns[at + s] - windows] += e2;
            }
        }
        overall /= n;
        if (!(overall > 0))
        {
            Arrays.fill(weight, 0, n, 1.0);
            return;
        }
        for (int c = 0; c < miners; c++)
        {
            minerVariance[c] = (minerVariance[c] + VARIANCE_PRIOR_SAMPLES * overall) /
                (samplesPer[windows + c] + VARIANCE_PRIOR_SAMPLES);
            sortScratch[c] = minerVariance[c];
        }
        final double typical = RobustStatistics.median(sortScratch, miners);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double variance = typical;
            final int at = i * nonZeros + 1;
            for (int s = 0; s < stages; s++)
            {
                variance += Math.max(0, minerVariance[columns[at + s] - windows] - typical);
            }
            weight[i] = 1.0 / variance;
            sum += weight[i];
        }
        final double norm = n / sum;
        for (int i = 0; i < n; i++)
        {
            weight[i] *= norm;
        }
    }

    private void addToContrast(final int parameter, final double weight)
    {
        contrastIndex[contrastSize] = parameter;
        contrastValue[contrastSize] = weight;
        contrastSize++;
    }

    /** c'theta for the current sparse contrast. */
    private double contrastValue()
    {
        double sum = 0;
        for (int k = 0; k < contrastSize; k++)
        {
            sum += contrastValue[k] * theta[contrastIndex[k]];
        }
        return sum;
    }

    /** Sandwich standard error of the current sparse contrast c: direction = A^-1 c, then {@link #sandwich}. */
    private double standardError(final int n, final double scale)
    {
        final int p = parameters;
        Arrays.fill(direction, 0, p, 0);
        for (int k = 0; k < contrastSize; k++)
        {
            final double v = contrastValue[k];
            final int row = contrastIndex[k] * p;
            for (int j = 0; j < p; j++)
            {
                direction[j] += v * inverse[row + j];
            }
        }
        return sandwich(n, scale);
    }

    /** sqrt(scale * sum_i (e_i x_i' direction)^2). */
    private double sandwich(final int n, final double scale)
    {
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double leverage = 0;
            final int at = i * nonZeros;
            for (int j = 0; j < nonZeros; j++)
            {
                leverage += direction[columns[at + j]];
            }
            final double e = weight[i] * residual[i] * leverage;
            variance += e * e;
        }
        return Math.sqrt(scale * variance);
    }

    /**
     * A pair's credit is minus its double-centred gamma, c_ab = -(P_rows x P_cols) e_ab over its block, where
     * P centres a vector. As P x P is symmetric, A^-1 c_ab is minus column ab of the block of A^-1 with each
     * row double-centred, so one pass over A^-1 per block gives every pair's direction.
     */
    private void reportPairs(final Roster roster, final int pairOffset, final int n, final double scale,
        final CreditReport into)
    {
        final int p = parameters;
        for (int s = 0; s + 1 < roster.stages(); s++)
        {
            final int rows = roster.minersInStage(s);
            final int cols = roster.minersInStage(s + 1);
            final int cells = rows * cols;
            final int block = pairOffset + pairBase[s];
            if (centred.length < cells * (p + 1))
            {
                centred = new double[cells * (p + 1)];
                grid = new double[cells];
            }
            // centred[ab * p + j] = double-centred row j of A^-1's block; centred[cells * p + ab] for theta
            for (int j = 0; j < p; j++)
            {
                doubleCentre(inverse, j * p + block, rows, cols);
                for (int ab = 0; ab < cells; ab++)
                {
                    centred[ab * p + j] = grid[ab];
                }
            }
            doubleCentre(theta, block, rows, cols);
            System.arraycopy(grid, 0, centred, cells * p, cells);

            for (int ab = 0; ab < cells; ab++)
            {
                final long seen = count(block + ab);
                if (seen == 0)
                {
                    continue;
                }
                for (int j = 0; j < p; j++)
                {
                    direction[j] = -centred[ab * p + j];
                }
                into.addPair(s, roster.firstColumn(s) + ab / cols, roster.firstColumn(s + 1) + ab % cols,
                    -centred[cells * p + ab], sandwich(n, scale), seen);
            }
        }
    }

    /** grid[rows x cols] = values[from, from + rows * cols) minus row means and column means, plus the mean. */
    private void doubleCentre(final double[] values, final int from, final int rows, final int cols)
    {
        double grand = 0;
        for (int i = 0; i < rows * cols; i++)
        {
            grand += values[from + i];
        }
        grand /= rows * cols;
        for (int a = 0; a < rows; a++)
        {
            double rowMean = 0;
            for (int b = 0; b < cols; b++)
            {
                rowMean += values[from + a * cols + b];
            }
            rowMean /= cols;
            for (int b = 0; b < cols; b++)
            {
                grid[a * cols + b] = values[from + a * cols + b] - rowMean + grand;
            }
        }
        for (int b = 0; b < cols; b++)
        {
            double colMean = 0;
            for (int a = 0; a < rows; a++)
            {
                colMean += values[from + a * cols + b];
            }
            colMean /= rows;
            for (int a = 0; a < rows; a++)
            {
                grid[a * cols + b] -= colMean;
            }
        }
    }

    private long count(final int parameter)
    {
        return samplesPer[parameter];
    }
}
