package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.he.HeConfiguration;
import io.iotaj.he.flow.AeronChannel;
import io.iotaj.he.flow.SplitInference;
import io.iotaj.he.flow.Wire;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.IdxDataset;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
import io.iotaj.he.mnist.TrainedModel;
import io.iotaj.transport.MediaDriverHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code iotaj he-infer}: encrypted split inference of MNIST digits (Syft flow, RNS-CKKS). */
@Command(
    name = "he-infer",
    mixinStandardHelpOptions = true,
    description = {
        "Encrypted split inference on MNIST: the data owner runs the network up to the split, encrypts the",
        "activation with CKKS, the model owner evaluates the rest on the ciphertext, the data owner decrypts.",
        "Needs an MNIST IDX directory (train-/t10k-images-idx3-ubyte and -labels-idx1-ubyte).",
        "The roles exchange SBE Ciphertext frames over Aeron: IPC in one process, or UDP in two:",
        "  iotaj he-infer --role model-owner &  iotaj he-infer --role data-owner"})
public final class HeInferCommand implements Callable<Integer>
{
    @Option(names = "--split", defaultValue = "conv2", description = "where to split: conv2 or fc1 (default ${DEFAULT-VALUE})")
    private String split;

    @Option(names = "--mnist", description = "MNIST IDX directory (default: <iotaj.shared.dir or ../shared>/data/mnist)")
    private Path mnist;

    @Option(names = "--matmul", defaultValue = "bsgs", description = "diagonal or bsgs (default ${DEFAULT-VALUE})")
    private String matmul;

    @Option(names = "--limit", description = "encrypt only the first K test images (default: the whole test set)")
    private Integer limit;

    @Option(names = "--epochs", defaultValue = "4", description = "training epochs for the plain network (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--cache", defaultValue = "runs/he", description = "where the trained network is cached (default ${DEFAULT-VALUE})")
    private Path cache;

    @Option(names = "--wire", defaultValue = "aeron",
        description = "how the two roles talk: aeron (SBE Ciphertext frames over Aeron) or memory (default ${DEFAULT-VALUE})")
    private String wire;

    @Option(names = "--role", defaultValue = "both", description = {
        "both (one process, Aeron IPC), or data-owner / model-owner: this process runs one role and talks",
        "Aeron UDP to the other (default ${DEFAULT-VALUE})"})
    private String role;

    @Option(names = "--data-endpoint", defaultValue = HeConfiguration.DATA_ENDPOINT_DEFAULT, paramLabel = "HOST:PORT",
        description = "where the data owner receives with --role (default ${DEFAULT-VALUE})")
    private String dataEndpoint;

    @Option(names = "--model-endpoint", defaultValue = HeConfiguration.MODEL_ENDPOINT_DEFAULT, paramLabel = "HOST:PORT",
        description = "where the model owner receives with --role (default ${DEFAULT-VALUE})")
    private String modelEndpoint;

    @Option(names = "--json", description = "print one JSON object on one line")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        final SplitPoint splitPoint = SplitPoint.parse(split);
        final MatVecMethod method = MatVecMethod.parse(matmul);
        final Wire wireKind = Wire.parse(wire);
        if (!role.equals("both") && !role.equals("data-owner") && !role.equals("model-owner"))
        {
            throw new IllegalArgumentException("unknown role '" + role + "' (use both, data-owner or model-owner)");
        }
        if (!role.equals("both") && wireKind != Wire.AERON)
        {
            throw new IllegalArgumentException("--role " + role + " talks to another process: it needs --wire aeron");
        }
        if (limit != null && limit < 1)
        {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        if (epochs < 1 || epochs > 100)
        {
            throw new IllegalArgumentException("--epochs must be in [1, 100]");
        }
        final Path dir = mnist != null ? mnist : defaultMnist();
        if (!IdxDataset.present(dir))
        {
            throw new IllegalArgumentException("he-infer needs an MNIST IDX directory with train-images-idx3-ubyte, " +
                "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte; none at " + dir +
                " (pass --mnist DIR)");
        }
        final IdxDataset train = IdxDataset.train(dir);
        final IdxDataset test = IdxDataset.test(dir);
        final SplitNet net = TrainedModel.load(train, epochs, cache, System.err::println);
        final int count = limit == null ? test.size() : limit;
        final Map<String, Object> fields;
        if (role.equals("both"))
        {
            fields = SplitInference.run(net, test, splitPoint, method, count, new SecureRandom(), wireKind,
                System.err::println).fields();
        }
        else
        {
            try (MediaDriverHost host = MediaDriverHost.launch())
            {
                final int parameterSetId = SplitInference.parameterSetId(splitPoint);
                if (role.equals("model-owner"))
                {
                    System.err.println("he: model owner on " + modelEndpoint + ", answering " + dataEndpoint);
                    fields = SplitInference.serveModelOwner(net, splitPoint, method,
                        AeronChannel.modelOwnerUdp(host.aeron(), dataEndpoint, modelEndpoint, parameterSetId), "aeron-udp");
                }
                else
                {
                    System.err.println("he: data owner on " + dataEndpoint + ", sending to " + modelEndpoint);
                    fields = SplitInference.runDataOwner(net, test, splitPoint, count, new SecureRandom(),
                        AeronChannel.dataOwnerUdp(host.aeron(), dataEndpoint, modelEndpoint, parameterSetId), "aeron-udp",
                        System.err::println).fields();
                }
            }
        }
        if (json)
        {
            System.out.println(Json.write(fields));
        }
        else
        {
            for (final Map.Entry<String, Object> field : fields.entrySet())
            {
                System.out.printf("%-28s %s%n", field.getKey(), format(field.getValue()));
            }
        }
        return 0;
    }

    private static Path defaultMnist()
    {
        final String shared = System.getProperty("iotaj.shared.dir");
        return (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve("data").resolve("mnist");
    }

    private static String format(final Object value)
    {
        return value instanceof Double ? String.format("%.6g", (Double)value) : String.valueOf(value);
    }
}
