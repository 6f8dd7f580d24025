package io.iotaj.runtime.data;

import java.util.SplittableRandom;

/**
 * The embedded default corpus: lines "AB+CD=SUM\n" with two uniformly random two-digit operands and
 * their three-digit zero-padded sum, e.g. "07+35=042\n". Only the four operand digits are random, so a
 * model that has learnt addition reaches 4 ln(10) / 10 = 0.921 nats per token; one that has only learnt
 * the format and digit frequencies sits near 7 ln(10) / 10 = 1.61.
 */
public final class SyntheticArithmetic implements TokenSource
{
    /** Characters per line. */
    public static final int LINE = 10;

    /** The entropy floor in nats per token for a model with a full line of context. */
    public static final double ENTROPY_FLOOR = 4 * Math.log(10) / LINE;

    @Override
    public String describe()
    {
        return String.format("synthetic arithmetic (AB+CD=SUM lines, entropy floor %.3f nats/token)", ENTROPY_FLOOR);
    }

    @Override
    public void sample(final long seed, final Split split, final long sampleId, final int seqLen, final int[] tokens,
        final int[] targets, final int off)
    {
        final SplittableRandom rng = new SplittableRandom(TokenSource.mix(seed, split, sampleId));
        final int start = rng.nextInt(LINE);
        final byte[] line = new byte[LINE];
        int pos = -start;
        while (pos < seqLen + 1)
        {
            writeLine(rng.nextInt(100), rng.nextInt(100), line);
            for (int i = 0; i < LINE; i++, pos++)
            {
                if (pos >= 0 && pos < seqLen)
                {
                    tokens[off + pos] = line[i];
                }
                if (pos >= 1 && pos <= seqLen)
                {
                    targets[off + pos - 1] = line[i];
                }
            }
        }
    }

    private static void writeLine(final int a, final int b, final byte[] line)
    {
        final int sum = a + b;
        line[0] = digit(a / 10);
        line[1] = digit(a % 10);
        line[2] = '+';
        line[3] = digit(b / 10);
        line[4] = digit(b % 10);
        line[5] = '=';
        line[6] = digit(sum / 100);
        line[7] = digit(sum / 10 % 10);
        line[8] = digit(sum % 10);
        line[9] = '\n';
    }

    private static byte digit(final int d)
    {
        return (byte)('0' + d);
    }
}
