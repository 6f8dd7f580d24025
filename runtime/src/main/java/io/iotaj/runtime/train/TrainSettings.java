package io.iotaj.runtime.train;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.model.ModelConfig;

import java.util.List;

/** Everything that determines a single-process training run. */
public record TrainSettings(ModelConfig model, long seed, int steps, int batch, int seqLen, AdamWConfig adamw,
    LrSchedule schedule, double clipNorm, int evalBatches)
{
    /**
     * The default model: eight blocks in four architectural stages, small enough to show a clearly falling
     * loss within two minutes on 2 cores. Its boundaries carry a bottleneck of dim / 128 = 1 channel: with
     * int8 codes that is IOTA's 128x-and-beyond compression against a full-width bf16 activation.
     */
    public static ModelConfig defaultModel()
    {
        return new ModelConfig(256, 128, 8, 4, 2, 352, 1, 256, 10000.0, 1e-5f,
            List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}, new int[]{6, 8}));
    }

    public TrainSettings
    {
        if (steps < 1 || batch < 1 || seqLen < 1 || evalBatches < 0)
        {
            throw new IllegalArgumentException("steps, batch and seq must be positive");
        }
        if (seqLen > model.maxSeqLen())
        {
            throw new IllegalArgumentException("seq " + seqLen + " exceeds the model's max_seq_len " + model.maxSeqLen());
        }
    }
}
