package io.iotaj.he.flow;

import io.iotaj.he.CkksContext;
import io.iotaj.he.HeCodec;
import io.iotaj.he.HeFormatException;
import io.iotaj.he.HeTestSupport;
import io.iotaj.he.SecretKey;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.IdxDataset;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyftFlowTest
{
    @Test
    void onlyPublicKeysAndCiphertextsCrossTheChannelAndLogitsMatchPlaintext() throws Exception
    {
        for (final SplitPoint split : SplitPoint.values())
        {
            final SplitNet net = SplitNet.initialised(17);
            final CkksContext ctx = new CkksContext(SplitInference.parametersFor(split));
            final ModelOwner modelOwner = new ModelOwner(ctx, net, split, MatVecMethod.BSGS);
            final DataOwner dataOwner = new DataOwner(ctx, net, split, HeTestSupport.seededRandom(3));
            final InProcessChannel[] ends = InProcessChannel.pair(120_000);
            final RecordingChannel fromData = new RecordingChannel(ends[0]);
            final RecordingChannel fromModel = new RecordingChannel(ends[1]);
            final Thread server = new Thread(() -> modelOwner.serve(fromModel));
            server.start();
            dataOwner.connect(fromData);
            final SplittableRandom random = new SplittableRandom(8);
            for (int image = 0; image < 2; image++)
            {
                final float[] pixels = new float[IdxDataset.PIXELS];
                for (int p = 0; p < pixels.length; p++)
                {
                    pixels[p] = (float)random.nextDouble();
                }
                final double[] encrypted = dataOwner.infer(pixels, fromData);
                final double[] plain = net.head(net.features(pixels, split), split);
                for (int j = 0; j < plain.length; j++)
                {
                    assertEquals(plain[j], encrypted[j], 0.01, split + " logit " + j);
                }
            }
            dataOwner.finish(fromData);
            server.join(60_000);
            assertFalse(server.isAlive());

            final HeCodec codec = new HeCodec(ctx);
            final Set<HeCodec.Kind> allowed = EnumSet.of(HeCodec.Kind.PUBLIC_KEY, HeCodec.Kind.RELIN_KEY,
                HeCodec.Kind.GALOIS_KEYS, HeCodec.Kind.CIPHERTEXT, HeCodec.Kind.END);
            int ciphertexts = 0;
            for (final byte[] message : fromData.sent)
            {
                final HeCodec.Kind kind = codec.kind(message);
                assertTrue(allowed.contains(kind), "data owner sent a " + kind);
                // Every body must decode as exactly the public object its kind names, with no spare bytes.
                switch (kind)
                {
                    case PUBLIC_KEY -> codec.decodePublicKey(message);
                    case RELIN_KEY -> codec.decodeRelinKey(message);
                    case GALOIS_KEYS -> codec.decodeGaloisKeys(message);
                    case CIPHERTEXT -> ciphertexts++;
                    default -> { }
                }
                if (kind == HeCodec.Kind.CIPHERTEXT)
                {
                    codec.decodeCiphertext(message);
                }
            }
            assertEquals(2, ciphertexts);
            assertEquals(split == SplitPoint.CONV2 ? 6 : 5, fromData.sent.size());
            assertEquals(HeCodec.Kind.KEY_REQUEST, codec.kind(fromModel.sent.get(0)));
            assertEquals(0, codec.rejectedCount());
        }
    }

    @Test
    void noApiCanSerialiseTheSecretKey()
    {
        assertFalse(Serializable.class.isAssignableFrom(SecretKey.class));
        for (final Class<?> type : new Class<?>[]{HeCodec.class, DataOwner.class, ModelOwner.class, SplitInference.class})
        {
            for (final Method method : type.getMethods())
            {
                for (final Class<?> parameter : method.getParameterTypes())
                {
                    assertFalse(parameter == SecretKey.class, type.getSimpleName() + "." + method.getName() + " takes a SecretKey");
                }
                assertFalse(method.getReturnType() == SecretKey.class, type.getSimpleName() + "." + method.getName());
            }
        }
    }

    @Test
    void malformedMessagesAreCountedAndSkipped() throws Exception
    {
        final SplitNet net = SplitNet.initialised(5);
        final CkksContext ctx = new CkksContext(SplitInference.parametersFor(SplitPoint.FC1));
        final ModelOwner modelOwner = new ModelOwner(ctx, net, SplitPoint.FC1, MatVecMethod.BSGS);
        final DataOwner dataOwner = new DataOwner(ctx, net, SplitPoint.FC1, HeTestSupport.seededRandom(4));
        final InProcessChannel[] ends = InProcessChannel.pair(60_000);
        final Thread server = new Thread(() -> modelOwner.serve(ends[1]));
        server.start();
        dataOwner.connect(ends[0]);
        ends[0].send(new byte[]{1, 2, 3});
        final byte[] wrongParameters = new HeCodec(new CkksContext(SplitInference.parametersFor(SplitPoint.CONV2)))
            .encodeEnd();
        ends[0].send(wrongParameters);
        final float[] pixels = new float[IdxDataset.PIXELS];
        final double[] logits = dataOwner.infer(pixels, ends[0]);
        final double[] plain = net.head(net.features(pixels, SplitPoint.FC1), SplitPoint.FC1);
        assertEquals(plain[3], logits[3], 0.01);
        dataOwner.finish(ends[0]);
        server.join(60_000);
        assertEquals(2, modelOwner.skippedMessages());
        final HeCodec codec = new HeCodec(ctx);
        assertThrows(HeFormatException.class, () -> codec.decodeCiphertext(wrongParameters));
        final byte[] truncated = java.util.Arrays.copyOf(codec.encodeEnd(), 10);
        assertThrows(HeFormatException.class, () -> codec.kind(truncated));
        assertEquals(2, codec.rejectedCount());
    }
}
