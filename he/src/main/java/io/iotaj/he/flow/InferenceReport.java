package io.iotaj.he.flow;

import io.iotaj.he.CkksParameters;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.SplitPoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one encrypted-inference run, as JSON-ready fields in a fixed order. */
public final class InferenceReport
{
    /** |logit| must stay below this: a 31-bit last prime leaves 2^(31 - 1 - 26) = 16 above the 2^26 scale. */
    public static final double LOGIT_BOUND = 16.0;

    private final Map<String, Object> fields;

    private InferenceReport(final Map<String, Object> fields)
    {
        this.fields = fields;
    }

    public Map<String, Object> fields()
    {
        return new LinkedHashMap<>(fields);
    }

    public double number(final String key)
    {
        return ((Number)fields.get(key)).doubleValue();
    }

    /** Accumulates per-image comparisons, then the run's totals. */
    static final class Builder
    {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private int images;
        private int agree;
        private int plainCorrect;
        private int encryptedCorrect;
        private int overflow;
        private double maxError;
        private double maxAbsLogit;

        /**
         * @param method the model owner's matmul method, or null when it runs in another process.
         * @param wire   how the two roles talk: memory, aeron-ipc or aeron-udp.
         */
        Builder(final CkksParameters parameters, final SplitPoint split, final MatVecMethod method, final String wire)
        {
            fields.put("split", split.label());
            fields.put("matmul", method == null ? "remote" : method.label());
            fields.put("wire", wire);
            fields.put("params", parameters.toString());
        }

        void image(final int label, final double[] plain, final double[] encrypted)
        {
            images++;
            final int plainClass = argmax(plain);
            final int encryptedClass = argmax(encrypted);
            agree += plainClass == encryptedClass ? 1 : 0;
            plainCorrect += plainClass == label ? 1 : 0;
            encryptedCorrect += encryptedClass == label ? 1 : 0;
            for (int j = 0; j < plain.length; j++)
            {
                maxError = Math.max(maxError, Math.abs(plain[j] - encrypted[j]));
                maxAbsLogit = Math.max(maxAbsLogit, Math.abs(encrypted[j]));
                overflow += Math.abs(encrypted[j]) >= LOGIT_BOUND ? 1 : 0;
            }
        }

        String progress()
        {
            return String.format("argmax agreement %d/%d, max logit error %.3g", agree, images, maxError);
        }

        Builder keys(final Map<String, Long> bytesByKind, final double keygenSeconds)
        {
            long total = 0;
            for (final long bytes : bytesByKind.values())
            {
                total += bytes;
            }
            fields.put("key_bytes", total);
            fields.put("key_bytes_by_kind", new LinkedHashMap<>(bytesByKind));
            fields.put("keygen_s", keygenSeconds);
            return this;
        }

        Builder payloads(final double activationBytes, final double resultBytes)
        {
            fields.put("activation_payload_bytes", Math.round(activationBytes));
            fields.put("result_payload_bytes", Math.round(resultBytes));
            return this;
        }

        /** The data owner's side: encrypt and decrypt per image, and the round trip it waits for each result. */
        Builder times(final double encrypt, final double decrypt, final double roundTrip)
        {
            fields.put("encrypt_s", encrypt);
            fields.put("decrypt_s", decrypt);
            fields.put("round_trip_seconds_per_image", roundTrip);
            return this;
        }

        Builder model(final double ownerShare, final int galoisKeys)
        {
            fields.put("owner_param_share", ownerShare);
            fields.put("galois_keys", galoisKeys);
            return this;
        }

        /** The model owner's side, known only when it runs in this process. */
        Builder modelOwner(final ModelOwner owner)
        {
            fields.put("eval_seconds_per_image", owner.evalSecondsPerImage());
            fields.put("key_switches_per_image", owner.keySwitchesPerImage());
            fields.put("skipped_messages", owner.skippedMessages());
            return this;
        }

        InferenceReport build()
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("split", fields.remove("split"));
            out.put("matmul", fields.remove("matmul"));
            out.put("wire", fields.remove("wire"));
            out.put("images", images);
            out.put("argmax_agreement", images == 0 ? 0.0 : agree / (double)images);
            out.put("max_logit_error", maxError);
            out.put("plain_accuracy", images == 0 ? 0.0 : plainCorrect / (double)images);
            out.put("encrypted_accuracy", images == 0 ? 0.0 : encryptedCorrect / (double)images);
            out.put("max_abs_logit", maxAbsLogit);
            out.put("logit_bound", LOGIT_BOUND);
            out.put("logits_over_bound", overflow);
            out.putAll(fields);
            return new InferenceReport(out);
        }

        private static int argmax(final double[] values)
        {
            int best = 0;
            for (int j = 1; j < values.length; j++)
            {
                best = values[j] > values[best] ? j : best;
            }
            return best;
        }
    }
}
