package io.iotaj.bench.kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GEMM the model runs: {@code C[m,n] = op(A)[m,k] * op(B)[k,n]} in one of the three transposes a linear
 * layer needs. With W stored [out, in] (PyTorch's layout) and x [rows, in]: the forward {@code y = x W^T} is
 * NT, the input gradient {@code dx = dy W} is NN and the weight gradient {@code dW = dy^T x} is TN.
 */
public record GemmCase(int m, int n, int k, boolean transA, boolean transB)
{
    public GemmCase
    {
        if (m < 1 || n < 1 || k < 1)
        {
            throw new IllegalArgumentException("gemm case needs positive sizes, got m=" + m + " n=" + n + " k=" + k);
        }
    }

    /** The three shapes, each in the three transposes the model uses. */
    public static List<GemmCase> standard()
    {
        final int[][] shapes = {{1024, 1024, 1024}, {2048, 1376, 512}, {2048, 512, 1376}};
        final List<GemmCase> cases = new java.util.ArrayList<>();
        for (final int[] s : shapes)
        {
            cases.add(new GemmCase(s[0], s[1], s[2], false, true));
            cases.add(new GemmCase(s[0], s[1], s[2], false, false));
            cases.add(new GemmCase(s[0], s[1], s[2], true, false));
        }
        return cases;
    }

    /** "NT", "NN", "TN" or "TT": op(A) then op(B), T meaning transposed. */
    public String op()
    {
        return (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    /** Which pass of a linear layer uses this transpose. */
    public String role()
    {
        switch (op())
        {
            case "NT":
                return "forward y = x W^T";
            case "NN":
                return "input grad dx = dy W";
            case "TN":
                return "weight grad dW = dy^T x";
            default:
                return "unused by the model";
        }
    }

    public double flops()
    {
        return 2.0 * m * n * k;
    }

    /** The JSON entry of a measured case. */
    Map<String, Object> toJson(final double gflops, final double peakGflops)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("m", m);
        json.put("n", n);
        json.put("k", k);
        json.put("op", op());
        json.put("role", role());
        json.put("gflops", round(gflops, 1));
        json.put("fraction_of_peak", round(gflops / peakGflops, 3));
        return json;
    }

    static double round(final double value, final int decimals)
    {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
