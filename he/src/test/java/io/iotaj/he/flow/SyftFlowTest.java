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
import io.iotaj.codecs.sbe.CiphertextDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.he.HeConfiguration;
import io.iotaj.transport.Channels;
import io.iotaj.transport.FrameSubscriber;
import io.iotaj.transport.MediaDriverHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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

    /**
     * The same over Aeron IPC, with a third subscriber on the data owner's stream that sees every frame as the
     * model owner does: only Ciphertext frames, whose reassembled messages are public keys (once) and
     * ciphertexts carrying their level and scale in the frame header.
     */
    @Test
    void overAeronOnlyCiphertextFramesOfPublicMaterialLeaveTheDataOwner() throws Exception
    {
        final SplitPoint split = SplitPoint.CONV2;
        final SplitNet net = SplitNet.initialised(19);
        final CkksContext ctx = new CkksContext(SplitInference.parametersFor(split));
        final HeCodec codec = new HeCodec(ctx);
        try (MediaDriverHost host = HeTestSupport.mediaDriver())
        {
            final List<int[]> headers = new ArrayList<>();
            final List<byte[]> messages = new CopyOnWriteArrayList<>();
            final ByteArrayOutputStream partial = new ByteArrayOutputStream();
            final AtomicBoolean spying = new AtomicBoolean(true);
            final CiphertextDecoder decoder = new CiphertextDecoder();
            final FrameSubscriber spy = new FrameSubscriber(host.aeron(), Channels.ipc(),
                HeConfiguration.DATA_TO_MODEL_STREAM, (buffer, offset, length, validated) ->
                {
                    assertEquals(CiphertextDecoder.TEMPLATE_ID, validated.templateId());
                    decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, CiphertextDecoder.BLOCK_LENGTH,
                        CiphertextDecoder.SCHEMA_VERSION);
                    headers.add(new int[]{decoder.level(), (int)Math.round(Math.log(decoder.scale()) / Math.log(2)),
                        decoder.parameterSetId()});
                    final byte[] chunk = new byte[validated.varLength(0) - AeronChannel.CHUNK_HEADER];
                    buffer.getBytes(validated.varOffset(0) + AeronChannel.CHUNK_HEADER, chunk);
                    partial.writeBytes(chunk);
                    if (partial.size() == buffer.getInt(validated.varOffset(0), ByteOrder.LITTLE_ENDIAN))
                    {
                        messages.add(partial.toByteArray());
                        partial.reset();
                    }
                }, null, null);
            final Thread spyThread = new Thread(() ->
            {
                while (spying.get())
                {
                    if (spy.poll(16) == 0)
                    {
                        LockSupport.parkNanos(50_000);
                    }
                }
            });
            spyThread.start();
            final AeronChannel[] ends = AeronChannel.ipcPair(host.aeron(), codec.parameterSetId());
            final ModelOwner modelOwner = new ModelOwner(ctx, net, split, MatVecMethod.BSGS);
            final DataOwner dataOwner = new DataOwner(ctx, net, split, HeTestSupport.seededRandom(5));
            final Thread server = new Thread(() -> modelOwner.serve(ends[1]));
            server.start();
            dataOwner.connect(ends[0]);
            final float[] pixels = new float[IdxDataset.PIXELS];
            final SplittableRandom random = new SplittableRandom(2);
            for (int p = 0; p < pixels.length; p++)
            {
                pixels[p] = (float)random.nextDouble();
            }
            final double[] encrypted = dataOwner.infer(pixels, ends[0]);
            final double[] plain = net.head(net.features(pixels, split), split);
            for (int j = 0; j < plain.length; j++)
            {
                assertEquals(plain[j], encrypted[j], 0.01, "logit " + j);
            }
            dataOwner.finish(ends[0]);
            server.join(60_000);
            assertFalse(server.isAlive());
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (messages.size() < 5 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            spying.set(false);
            spyThread.join();
            spy.close();
            ends[0].close();
            ends[1].close();

            final List<HeCodec.Kind> kinds = new ArrayList<>();
            for (final byte[] message : messages)
            {
                kinds.add(codec.kind(message));
            }
            assertEquals(List.of(HeCodec.Kind.PUBLIC_KEY, HeCodec.Kind.RELIN_KEY, HeCodec.Kind.GALOIS_KEYS,
                HeCodec.Kind.CIPHERTEXT, HeCodec.Kind.END), kinds);
            codec.decodePublicKey(messages.get(0));
            codec.decodeRelinKey(messages.get(1));
            codec.decodeGaloisKeys(messages.get(2));
            codec.decodeCiphertext(messages.get(3));
            assertTrue(headers.size() > 5, "the Galois keys take several frames: " + headers.size());
            for (final int[] header : headers)
            {
                assertEquals(codec.parameterSetId(), header[2]);
            }
            final int[] ciphertextFrame = headers.get(headers.size() - 2);
            assertEquals(ctx.maxLimbs(), ciphertextFrame[0], "a ciphertext frame carries its level");
            assertEquals(26, ciphertextFrame[1], "and its scale");
            assertEquals(0, headers.get(0)[0], "key frames carry level 0");
            assertEquals(0, ends[1].droppedFrames() + ends[1].rejectedFrames() + modelOwner.skippedMessages());
            assertEquals(messages.stream().mapToLong(m -> m.length).sum(), ends[0].bytesSent());
        }
    }

    /** Each role with its own media driver and Aeron client, talking UDP over loopback: what two processes do. */
    @Test
    void twoMediaDriversOverUdpRunTheRolesApart(@TempDir final Path dir) throws Exception
    {
        final SplitNet net = SplitNet.initialised(23);
        final IdxDataset test = IdxDataset.test(HeTestSupport.writeIdx(dir, 1, 3, 4));
        final String dataEndpoint = "127.0.0.1:" + HeTestSupport.freeUdpPort();
        final String modelEndpoint = "127.0.0.1:" + HeTestSupport.freeUdpPort();
        final int parameterSetId = SplitInference.parameterSetId(SplitPoint.FC1);
        try (MediaDriverHost dataHost = HeTestSupport.mediaDriver(); MediaDriverHost modelHost = HeTestSupport.mediaDriver())
        {
            final AtomicReference<Map<String, Object>> served = new AtomicReference<>();
            final Thread model = new Thread(() -> served.set(SplitInference.serveModelOwner(net, SplitPoint.FC1,
                MatVecMethod.BSGS, AeronChannel.modelOwnerUdp(modelHost.aeron(), dataEndpoint, modelEndpoint,
                    parameterSetId), "aeron-udp")));
            model.start();
            final InferenceReport report = SplitInference.runDataOwner(net, test, SplitPoint.FC1, 3,
                HeTestSupport.seededRandom(9), AeronChannel.dataOwnerUdp(dataHost.aeron(), dataEndpoint, modelEndpoint,
                    parameterSetId), "aeron-udp", line -> { });
            model.join(60_000);
            assertEquals(3, report.number("images"));
            assertEquals(1.0, report.number("argmax_agreement"));
            assertTrue(report.number("max_logit_error") < 0.01, report.fields().toString());
            assertEquals("remote", report.fields().get("matmul"));
            assertEquals(3L, served.get().get("images"));
            assertEquals(0L, served.get().get("skipped_messages"));
        }
    }

    @Test
    void noApiCanSerialiseTheSecretKey()
    {
        assertFalse(Serializable.class.isAssignableFrom(SecretKey.class));
        for (final Class<?> type : new Class<?>[]{
            HeCodec.class, DataOwner.class, ModelOwner.class, SplitInference.class, MessageChannel.class, AeronChannel.class})
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
