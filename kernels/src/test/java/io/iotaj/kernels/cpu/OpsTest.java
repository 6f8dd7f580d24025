package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.AttentionShape;
import io.iotaj.kernels.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.iotaj.kernels.cpu.FiniteDifference.check;
import static io.iotaj.kernels.cpu.FiniteDifference.dot;
import static io.iotaj.kernels.cpu.FiniteDifference.random;
import static org.junit.jupiter.api.Assertions.*;

/** Every CPU op against a naive twin written here from its definition, and a finite-difference gradient check. */
class OpsTest
{
    private final CpuBackend be = new CpuBackend();
    private final Random rng = new Random(7);

    private float[] data(final Tensor t)
    {
        return ((CpuTensor)t).data();
    }

    @Test
    void rmsNormMatchesDefinitionAndGradients()
    {
        final int rows = 5, dim = 12;
        final float eps = 1e-5f;
        final CpuTensor x = be.fromArray(random(rng, rows * dim, 1.0), rows, dim);
        final CpuTensor w = be.fromArray(random(rng, dim, 1.0), dim);
        final CpuTensor out = be.allocate(rows, dim), rstd = be.allocate(rows);
        be.rmsNorm(x, w, eps, out, rstd);
        for (int r = 0; r < rows; r++)
        {
            double ms = 0;
            for (int i = 0; i < dim; i++)
            {
                ms += Math.pow(x.data()[r * dim + i], 2) / dim;
            }
            for (int i = 0; i < dim; i++)
            {
                assertEquals(x.data()[r * dim + i] / Math.sqrt(ms + eps) * w.data()[i], out.data()[r * dim + i], 1e-5);
            }
        }
        final float[] probe = random(rng, rows * dim, 1.0);
        final CpuTensor dx = be.allocate(rows, dim), dw = be.allocate(dim);
        be.rmsNormBackward(x, w, rstd, be.fromArray(probe, rows, dim), dx, dw, false);
        final java.util.function.Supplier<Double> loss = () ->
        {
            be.rmsNorm(x, w, eps, out, rstd);
            return dot(out.data(), probe);
        };
        check("rmsnorm dx", x.data(), dx.data(), loss, 2e-2);
        check("rmsnorm dw", w.data(), dw.data(), loss, 2e-2);
    }

    @Test
    void ropeRotatesPairsAndInverseUndoesIt()
    {
        final int B = 2, T = 5, H = 3, hd = 8;
        final float[] orig = random(rng, B * T * H * hd, 1.0);
        final CpuTensor x = be.fromArray(orig, B, T, H, hd);
        be.rope(x, B, T, H, hd, 10000.0, false);
        for (int b = 0; b < B; b++)
        {
            for (int t = 0; t < T; t++)
            {
                for (int h = 0; h < H; h++)
                {
                    final int o = ((b * T + t) * H + h) * hd;
                    for (int i = 0; i < hd / 2; i++)
                    {
                        final double ang = t * Math.pow(10000.0, -2.0 * i / hd);
                        final double x1 = orig[o + i], x2 = orig[o + hd / 2 + i];
                        assertEquals(x1 * Math.cos(ang) - x2 * Math.sin(ang), x.data()[o + i], 1e-5);
                        assertEquals(x2 * Math.cos(ang) + x1 * Math.sin(ang), x.data()[o + hd / 2 + i], 1e-5);
                    }
                }
            }
        }
        be.rope(x, B, T, H, hd, 10000.0, true);
        assertArrayEquals(orig, x.data(), 1e-5f);
    }

    @Test
    void attentionMatchesNaiveSoftmaxAndGradients()
    {
        final AttentionShape s = new AttentionShape(2, 7, 4, 2, 6);
        final int qn = 2 * 7 * 4 * 6, kn = 2 * 7 * 2 * 6;
        final CpuTensor q = be.fromArray(random(rng, qn, 1.0), qn);
        final CpuTensor k = be.fromArray(random(rng, kn, 1.0), kn);
        final CpuTensor v = be.fromArray(random(rng, kn, 1.0), kn);
        final CpuTensor out = be.allocate(qn), lse = be.allocate(2 * 4 * 7);
        be.attention(q, k, v, s, out, lse);
        assertArrayEquals(naiveAttention(q.data(), k.data(), v.data(), s), out.data(), 1e-5f);

        final float[] probe = random(rng, qn, 1.0);
        final CpuTensor dq = be.allocate(qn), dk = be.allocate(kn), dv = be.allocate(kn);
        be.attentionBackward(q, k, v, out, lse, be.fromArray(probe, qn), s, dq, dk, dv);
        final java.util.function.Supplier<Double> loss = () -> dot(naiveAttention(q.data(), k.data(), v.data(), s), probe);
        check("attention dq", q.data(), dq.data(), loss, 2e-2);
        check("attention dk", k.data(), dk.data(), loss, 2e-2);
        check("attention dv", v.data(), dv.data(), loss, 2e-2);
    }

    /** Materialises the full masked score matrix, in double: the twin of the flash-style kernel. */
    private static float[] naiveAttention(final float[] q, final float[] k, final float[] v, final AttentionShape s)
    {
        final int T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim();
        final float[] out = new float[q.length];
        for (int b = 0; b < s.batch(); b++)
        {
            for (int h = 0; h < H; h++)
            {
                final int kvh = h / s.groupSize();
                for (int t = 0; t < T; t++)
                {
                    final double[] p = new double[T];
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int u = 0; u <= t; u++)
                    {
                        for (int i = 0; i < hd; i++)
                        {
                            p[u] += q[((b * T + t) * H + h) * hd + i] * k[((b * T + u) * KV + kvh) * hd + i];
                        }
                        p[u] /= Math.sqrt(hd);
                        max = Math.max(max, p[u]);
                    }
                    for (int u = 0; u <= t; u++)
                    {
                        p[u] = Math.exp(p[u] - max);
                        sum += p[u];
                    }
                    for (int u = 0; u <= t; u++)
                    {
                        for (int i = 0; i < hd; i++)
                        {
                            out[((b * T + t) * H + h) * hd + i] += (float)(p[u] / sum * v[((b * T + u) * KV + kvh) * hd + i]);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Odd sequence lengths (partial MR panels, partial NR tiles, several backward query blocks), head sizes that
     * are and are not whole tiles, and GQA ratios 1, 2 and 4: forward, lse and all three gradients against the
     * naive twins.
     */
    @Test
    void tiledAttentionMatchesNaiveTwinsOnOddShapesAndGqaRatios()
    {
        final AttentionShape[] shapes = {
            new AttentionShape(2, 37, 4, 4, 64),
            new AttentionShape(1, 37, 8, 2, 20),
            new AttentionShape(2, 37, 4, 2, 6),
            new AttentionShape(1, 250, 4, 4, 12),
            new AttentionShape(1, 250, 4, 2, 64),
            new AttentionShape(2, 250, 8, 2, 64),
            new AttentionShape(1, 1, 2, 1, 8),
        };
        for (final AttentionShape s : shapes)
        {
            final int qn = s.batch() * s.seq() * s.heads() * s.headDim();
            final int kn = s.batch() * s.seq() * s.kvHeads() * s.headDim();
            final CpuTensor q = be.fromArray(random(rng, qn, 1.0), qn);
            final CpuTensor k = be.fromArray(random(rng, kn, 1.0), kn);
            final CpuTensor v = be.fromArray(random(rng, kn, 1.0), kn);
            final CpuTensor out = be.allocate(qn), lse = be.allocate(s.batch() * s.heads() * s.seq());
            be.attention(q, k, v, s, out, lse);
            final double[][] expected = naiveAttentionWithGradients(q.data(), k.data(), v.data(), null, s);
            assertClose(s + " out", expected[0], out.data(), 1e-5);
            assertClose(s + " lse", expected[1], lse.data(), 1e-5);

            final float[] probe = random(rng, qn, 1.0);
            final CpuTensor dq = be.fromArray(random(rng, qn, 1.0), qn);
            final CpuTensor dk = be.fromArray(random(rng, kn, 1.0), kn);
            final CpuTensor dv = be.fromArray(random(rng, kn, 1.0), kn);
            be.attentionBackward(q, k, v, out, lse, be.fromArray(probe, qn), s, dq, dk, dv);
            final double[][] grads = naiveAttentionWithGradients(q.data(), k.data(), v.data(), probe, s);
            assertClose(s + " dq", grads[2], dq.data(), 1e-5);
            assertClose(s + " dk", grads[3], dk.data(), 1e-5);
            assertClose(s + " dv", grads[4], dv.data(), 1e-5);
        }
    }

    /** |expected - actual| <= tolerance * max(1, max |expected|) everywhere. */
    private static void assertClose(final String what, final double[] expected, final float[] actual,
        final double tolerance)
    {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 1;
        for (final double e : expected)
        {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++)
        {
            final double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tolerance * scale))
            {
                fail(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i] + " (scale " + scale + ")");
            }
        }
    }

    /**
     * The full masked score matrix of each (batch, head), in double: {out, lse, dq, dk, dv}, the gradients of
     * sum(out * probe) (null probe: forward only). dS = P (dP - rowsum(P dP)), written from the softmax
     * Jacobian rather than from rowsum(dO * O).
     */
    private static double[][] naiveAttentionWithGradients(final float[] q, final float[] k, final float[] v,
        final float[] probe, final AttentionShape s)
    {
        final int B = s.batch(), T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim();
        final double scale = 1.0 / Math.sqrt(hd);
        final double[] out = new double[q.length], lse = new double[B * H * T];
        final double[] dq = new double[q.length], dk = new double[k.length], dv = new double[v.length];
        final double[][] p = new double[T][T];
        for (int b = 0; b < B; b++)
        {
            for (int h = 0; h < H; h++)
            {
                final int kvh = h / s.groupSize();
                for (int t = 0; t < T; t++)
                {
                    final int qo = ((b * T + t) * H + h) * hd;
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int u = 0; u <= t; u++)
                    {
                        double dot = 0;
                        for (int i = 0; i < hd; i++)
                        {
                            dot += (double)q[qo + i] * k[((b * T + u) * KV + kvh) * hd + i];
                        }
                        p[t][u] = dot * scale;
                        max = Math.max(max, p[t][u]);
                    }
                    for (int u = 0; u <= t; u++)
                    {
                        p[t][u] = Math.exp(p[t][u] - max);
                        sum += p[t][u];
                    }
                    lse[(b * H + h) * T + t] = max + Math.log(sum);
                    for (int u = 0; u <= t; u++)
                    {
                        p[t][u] /= sum;
                        for (int i = 0; i < hd; i++)
                        {
                            out[qo + i] += p[t][u] * v[((b * T + u) * KV + kvh) * hd + i];
                        }
                    }
                    if (probe == null)
                    {
                        continue;
                    }
                    final double[] dp = new double[t + 1];
                    double rowDot = 0;
                    for (int u = 0; u <= t; u++)
                    {
                        final int ko = ((b * T + u) * KV + kvh) * hd;
                        for (int i = 0; i < hd; i++)
                        {
                            dp[u] += (double)probe[qo + i] * v[ko + i];
                            dv[ko + i] += p[t][u] * probe[qo + i];
                        }
                        rowDot += p[t][u] * dp[u];
                    }
                    for (int u = 0; u <= t; u++)
                    {
                        final int ko = ((b * T + u) * KV + kvh) * hd;
                        final double ds = p[t][u] * (dp[u] - rowDot) * scale;
                        for (int i = 0; i < hd; i++)
                        {
                            dq[qo + i] += ds * k[ko + i];
                            dk[ko + i] += ds * q[qo + i];
                        }
                    }
                }
            }
        }
        return new double[][]{out, lse, dq, dk, dv};
    }

    @Test
    void swigluSiluReluGradients()
    {
        final int n = 30;
        final CpuTensor a = be.fromArray(random(rng, n, 2.0), n), b = be.fromArray(random(rng, n, 2.0), n);
        final CpuTensor out = be.allocate(n), da = be.allocate(n), db = be.allocate(n);
        final float[] probe = random(rng, n, 1.0);
        final CpuTensor dOut = be.fromArray(probe, n);
        be.swiglu(a, b, out);
        for (int i = 0; i < n; i++)
        {
            final double x = a.data()[i];
            assertEquals(x / (1 + Math.exp(-x)) * b.data()[i], out.data()[i], 1e-5);
        }
        be.swigluBackward(a, b, dOut, da, db);
        final java.util.function.Supplier<Double> swiglu = () ->
        {
            be.swiglu(a, b, out);
            return dot(out.data(), probe);
        };
        check("swiglu da", a.data(), da.data(), swiglu, 1e-2);
        check("swiglu db", b.data(), db.data(), swiglu, 1e-2);

        be.siluBackward(a, dOut, da);
        check("silu dx", a.data(), da.data(), () ->
        {
            be.silu(a, out);
            return dot(out.data(), probe);
        }, 1e-2);

        be.relu(a, out);
        be.reluBackward(a, dOut, da);
        for (int i = 0; i < n; i++)
        {
            assertEquals(Math.max(0f, a.data()[i]), out.data()[i]);
            assertEquals(a.data()[i] > 0 ? probe[i] : 0f, da.data()[i]);
        }
    }

    @Test
    void crossEntropyMatchesLogSoftmaxAndGradient()
    {
        final int rows = 4, vocab = 9;
        final CpuTensor logits = be.fromArray(random(rng, rows * vocab, 3.0), rows, vocab);
        final int[] targets = {0, 8, 3, 3};
        final CpuTensor grad = be.allocate(rows, vocab);
        final double loss = be.crossEntropy(logits, targets, grad);
        double expected = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int j = 0; j < vocab; j++)
            {
                sum += Math.exp(logits.data()[r * vocab + j]);
            }
            expected += (Math.log(sum) - logits.data()[r * vocab + targets[r]]) / rows;
        }
        assertEquals(expected, loss, 1e-5);
        final CpuTensor scratch = be.allocate(rows, vocab);
        check("cross-entropy dlogits", logits.data(), grad.data().clone(), () -> be.crossEntropy(logits, targets, scratch), 1e-2);
        assertThrows(IllegalArgumentException.class, () -> be.crossEntropy(logits, new int[]{0, 9, 1, 1}, grad));
    }

    @Test
    void narrowResidualAddsOnlyTheFirstColumns()
    {
        final CpuTensor src = be.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        final CpuTensor dst = be.fromArray(new float[]{10, 10, 10, 10, 20, 20, 20, 20}, 2, 4);
        be.addColumns(src, 3, dst, 4, 2);
        assertArrayEquals(new float[]{11, 12, 10, 10, 24, 25, 20, 20}, dst.data());
        assertThrows(IllegalArgumentException.class, () -> be.addColumns(src, 3, dst, 4, 4));
        final CpuTensor sum = be.allocate(2, 3);
        be.add(src, src, sum);
        assertArrayEquals(new float[]{2, 4, 6, 8, 10, 12}, sum.data());
    }

    @Test
    void embeddingGathersAndScattersGradients()
    {
        final CpuTensor table = be.fromArray(random(rng, 5 * 3, 1.0), 5, 3);
        final int[] tokens = {4, 0, 4};
        final CpuTensor out = be.allocate(3, 3);
        be.embedding(tokens, table, out);
        assertArrayEquals(java.util.Arrays.copyOfRange(table.data(), 12, 15), java.util.Arrays.copyOfRange(out.data(), 0, 3));
        final CpuTensor dTable = be.allocate(5, 3);
        be.embeddingBackward(tokens, be.fromArray(new float[]{1, 1, 1, 2, 2, 2, 3, 3, 3}, 3, 3), dTable);
        assertArrayEquals(new float[]{2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4}, dTable.data());
        assertThrows(IllegalArgumentException.class, () -> be.embedding(new int[]{5, 0, 0}, table, out));
    }

    @Test
    void adamwMatchesScalarFormulaOverSteps()
    {
        final AdamWConfig hp = new AdamWConfig(0.01f, 0.9f, 0.95f, 1e-8f, 0.1f);
        final float[] w0 = random(rng, 8, 1.0);
        final CpuTensor w = be.fromArray(w0, 8), m = be.allocate(8), v = be.allocate(8);
        final double[] ew = new double[8], em = new double[8], ev = new double[8];
        for (int i = 0; i < 8; i++)
        {
            ew[i] = w0[i];
        }
        for (int step = 1; step <= 3; step++)
        {
            final float[] g = random(rng, 8, 1.0);
            be.adamw(w, be.fromArray(g, 8), m, v, hp, step);
            for (int i = 0; i < 8; i++)
            {
                em[i] = 0.9 * em[i] + 0.1 * g[i];
                ev[i] = 0.95 * ev[i] + 0.05 * g[i] * g[i];
                final double mhat = em[i] / (1 - Math.pow(0.9, step)), vhat = ev[i] / (1 - Math.pow(0.95, step));
                ew[i] = ew[i] * (1 - 0.01 * 0.1) - 0.01 * mhat / (Math.sqrt(vhat) + 1e-8);
                assertEquals(ew[i], w.data()[i], 1e-5, "step " + step + " element " + i);
            }
        }
    }

    @Test
    void q8CodecFollowsTheReferenceDefinition()
    {
        final int rows = 3, dim = 64;
        final float[] x = random(rng, rows * dim, 2.0);
        x[5] = 100f; // an outlier beyond mean + 6 std is clipped to the top code
        final byte[] codes = new byte[rows * dim];
        final float[] lo = new float[rows], scale = new float[rows];
        be.quantizeQ8(be.fromArray(x, rows, dim), codes, lo, scale);
        assertEquals(255, codes[5] & 0xFF);
        final CpuTensor deq = be.allocate(rows, dim);
        be.dequantizeQ8(codes, lo, scale, deq);
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < dim; i++)
            {
                final int idx = r * dim + i;
                if (idx != 5)
                {
                    assertEquals(x[idx], deq.data()[idx], scale[r] * 0.5001, "element " + idx);
                }
            }
        }
    }

    @Test
    void gemmAllTransposesMatchTripleLoop()
    {
        for (final int[] mnk : new int[][]{{1, 1, 1}, {7, 5, 3}, {33, 17, 65}, {0, 4, 4}, {4, 0, 4}, {4, 4, 0}})
        {
            final int m = mnk[0], n = mnk[1], k = mnk[2];
            for (final boolean ta : new boolean[]{false, true})
            {
                for (final boolean tb : new boolean[]{false, true})
                {
                    final float[] a = random(rng, m * k, 1.0), b = random(rng, k * n, 1.0);
                    final float[] c = random(rng, m * n, 1.0), expected = c.clone();
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            double s = 0;
                            for (int p = 0; p < k; p++)
                            {
                                s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                            }
                            expected[i * n + j] += (float)s;
                        }
                    }
                    final CpuTensor ct = be.fromArray(c, m * n);
                    be.gemm(ta, tb, m, n, k, be.fromArray(a, m * k), be.fromArray(b, k * n), ct, true);
                    assertArrayEquals(expected, ct.data(), 1e-4f, m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb);
                }
            }
        }
    }
}
