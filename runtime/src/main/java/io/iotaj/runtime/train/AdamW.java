package io.iotaj.runtime.train;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Parameters;

import java.util.ArrayList;
import java.util.List;

/** AdamW state (first and second moments) for one set of parameters, with optional global-norm clipping. */
public final class AdamW
{
    private final Backend be;
    private final List<Parameter> params;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private int step;

    public AdamW(final Backend backend, final Parameters parameters)
    {
        this.be = backend;
        this.params = new ArrayList<>(parameters.all());
        for (final Parameter p : params)
        {
            m.add(backend.allocate(p.shape()));
            v.add(backend.allocate(p.shape()));
        }
    }

    public int stepCount()
    {
        return step;
    }

    /** Global L2 norm of the gradients. */
    public double gradNorm()
    {
        double ss = 0;
        for (final Parameter p : params)
        {
            ss += be.sumSquares(p.grad());
        }
        return Math.sqrt(ss);
    }

    /**
     * Clips the gradients to global norm {@code maxNorm} (no-op when maxNorm <= 0 or the norm is smaller),
     * takes one AdamW step and zeroes the gradients. Returns the pre-clip gradient norm.
     */
    public double step(final AdamWConfig hp, final double maxNorm)
    {
        final double norm = gradNorm();
        if (!Double.isFinite(norm))
        {
            throw new IllegalStateException("gradient norm is " + norm + "; refusing to step");
        }
        if (maxNorm > 0 && norm > maxNorm)
        {
            final float s = (float)(maxNorm / (norm + 1e-6));
            for (final Parameter p : params)
            {
                be.scale(p.grad(), s);
            }
        }
        step++;
        for (int i = 0; i < params.size(); i++)
        {
            final Parameter p = params.get(i);
            be.adamw(p.value(), p.grad(), m.get(i), v.get(i), hp, step);
            be.zero(p.grad());
        }
        return norm;
    }

    /** The moments in parameter order, for merging replicas. */
    public List<Tensor> firstMoments()
    {
        return m;
    }

    public List<Tensor> secondMoments()
    {
        return v;
    }
}
