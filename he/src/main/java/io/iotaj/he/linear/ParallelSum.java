package io.iotaj.he.linear;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.Evaluator;

import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Sums count ciphertext terms computed independently, spread over the common pool when there are
 * several (TenSEAL also splits its diagonal loop over threads). The terms are reduced in index order,
 * so the result does not depend on scheduling.
 */
final class ParallelSum
{
    private ParallelSum()
    {
    }

    static Ciphertext of(final Evaluator evaluator, final int count, final IntFunction<Ciphertext> term)
    {
        final Ciphertext[] terms = new Ciphertext[count];
        IntStream.range(0, count).parallel().forEach(i -> terms[i] = term.apply(i));
        final Ciphertext sum = terms[0];
        for (int i = 1; i < count; i++)
        {
            evaluator.addInPlace(sum, terms[i]);
        }
        return sum;
    }
}
