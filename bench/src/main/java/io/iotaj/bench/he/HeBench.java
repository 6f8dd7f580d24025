package io.iotaj.bench.he;

import io.iotaj.codecs.json.JsonWritable;
import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.KeyGenerator;
import io.iotaj.he.KeyRequest;
import io.iotaj.he.KeySwitchKey;
import io.iotaj.he.flow.ModelOwner;
import io.iotaj.he.flow.SplitInference;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The model owner's encrypted evaluation per image (everything after the split) for every split and matmul
 * method in one run: one key set per split shared by both methods, and the combinations interleaved image
 * by image, so a change in the machine's load hits all of them alike and the BSGS/diagonal ratio is fair.
 * Weights are random with the trained network's shapes; the work does not depend on their values.
 */
public final class HeBench
{
    /** One split and method: seconds per image over the measured images. */
    public record Row(
        SplitPoint split, MatVecMethod method, int images, double medianSeconds, double minSeconds, double meanSeconds,
        int keySwitches, int galoisKeys) implements JsonWritable
    {
        @Override
        public Object toJson()
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("split", split.label());
            out.put("matmul", method.label());
            out.put("images", images);
            out.put("median_s", medianSeconds);
            out.put("min_s", minSeconds);
            out.put("mean_s", meanSeconds);
            out.put("key_switches_per_image", keySwitches);
            out.put("galois_keys", galoisKeys);
            return out;
        }
    }

    /** Every row, and per split the diagonal method's median time over BSGS's. */
    public record Result(List<Row> rows, double loadBefore, double loadAfter, int processors) implements JsonWritable
    {
        /** Diagonal median over BSGS median for a split, or NaN if either was not run. */
        public double speedup(final SplitPoint split)
        {
            final Row diagonal = find(split, MatVecMethod.DIAGONAL);
            final Row bsgs = find(split, MatVecMethod.BSGS);
            return diagonal == null || bsgs == null ? Double.NaN : diagonal.medianSeconds() / bsgs.medianSeconds();
        }

        public Row find(final SplitPoint split, final MatVecMethod method)
        {
            return rows.stream().filter(r -> r.split() == split && r.method() == method).findFirst().orElse(null);
        }

        @Override
        public Object toJson()
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("results", new ArrayList<Object>(rows));
            final Map<String, Object> speedups = new LinkedHashMap<>();
            for (final SplitPoint split : SplitPoint.values())
            {
                final double speedup = speedup(split);
                if (!Double.isNaN(speedup))
                {
                    speedups.put(split.label(), speedup);
                }
            }
            out.put("bsgs_speedup_over_diagonal", speedups);
            out.put("load_before", loadBefore);
            out.put("load_after", loadAfter);
            out.put("processors", processors);
            return out;
        }
    }

    private HeBench()
    {
    }

    /**
     * @param images measured images per combination; warmup images run first, unmeasured.
     */
    public static Result run(
        final List<SplitPoint> splits, final List<MatVecMethod> methods, final int images, final int warmup,
        final Consumer<String> log)
    {
        if (images < 1 || warmup < 0 || splits.isEmpty() || methods.isEmpty())
        {
            throw new IllegalArgumentException("need at least one image, split and method");
        }
        final double loadBefore = load();
        final List<ModelOwner> owners = new ArrayList<>();
        final List<Ciphertext[]> inputs = new ArrayList<>();
        final List<SplitPoint> ownerSplits = new ArrayList<>();
        final List<MatVecMethod> ownerMethods = new ArrayList<>();
        final SecureRandom random = new SecureRandom();
        for (final SplitPoint split : splits)
        {
            final CkksContext ctx = new CkksContext(SplitInference.parametersFor(split));
            final SplitNet net = SplitNet.initialised(1);
            final List<ModelOwner> splitOwners = new ArrayList<>();
            final TreeSet<Integer> steps = new TreeSet<>();
            boolean relin = false;
            for (final MatVecMethod method : methods)
            {
                final ModelOwner owner = new ModelOwner(ctx, net, split, method);
                final KeyRequest request = owner.keyRequest();
                Arrays.stream(request.rotationSteps()).forEach(steps::add);
                relin |= request.relinearisation();
                splitOwners.add(owner);
                ownerSplits.add(split);
                ownerMethods.add(method);
            }
            log.accept("he bench: " + split.label() + ": generating " + steps.size() + " Galois keys");
            final KeyGenerator keys = new KeyGenerator(ctx, random);
            final GaloisKeys galois = keys.galoisKeys(steps.stream().mapToInt(Integer::intValue).toArray());
            final KeySwitchKey relinKey = relin ? keys.relinKey() : null;
            final Encoder encoder = new Encoder(ctx);
            final Encryptor encryptor = new Encryptor(ctx, keys.publicKey(), random);
            final Ciphertext[] splitInputs = new Ciphertext[warmup + images];
            for (int i = 0; i < splitInputs.length; i++)
            {
                final double[] activation = new double[ctx.slots()];
                for (int s = 0; s < activation.length; s++)
                {
                    activation[s] = ((s % split.width()) * 7 + i) % 11 * 0.1;
                }
                splitInputs[i] = encryptor.encrypt(encoder.encode(activation, ctx.maxLimbs(), ctx.parameters().scale()));
            }
            for (final ModelOwner owner : splitOwners)
            {
                owner.installKeys(galois, relinKey);
                owners.add(owner);
                inputs.add(splitInputs);
            }
        }

        final double[][] seconds = new double[owners.size()][images];
        for (int round = 0; round < warmup + images; round++)
        {
            for (int c = 0; c < owners.size(); c++)
            {
                final long start = System.nanoTime();
                owners.get(c).evaluate(inputs.get(c)[round]);
                final double elapsed = (System.nanoTime() - start) / 1e9;
                if (round >= warmup)
                {
                    seconds[c][round - warmup] = elapsed;
                }
                log.accept(String.format("he bench: %s %-8s image %d/%d%s: %.3f s", ownerSplits.get(c).label(),
                    ownerMethods.get(c).label(), round + 1, warmup + images, round < warmup ? " (warm-up)" : "", elapsed));
            }
        }

        final List<Row> rows = new ArrayList<>();
        for (int c = 0; c < owners.size(); c++)
        {
            final double[] sorted = seconds[c].clone();
            Arrays.sort(sorted);
            final double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] :
                (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            rows.add(new Row(ownerSplits.get(c), ownerMethods.get(c), images, median, sorted[0],
                Arrays.stream(sorted).average().orElse(0), owners.get(c).keySwitchesPerImage(),
                owners.get(c).keyRequest().rotationSteps().length));
        }
        return new Result(rows, loadBefore, load(), Runtime.getRuntime().availableProcessors());
    }

    private static double load()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
