package io.iotaj.tools;

import io.iotaj.clasp.ClaspAccountant;
import io.iotaj.clasp.ClaspConfiguration;
import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.emission.EmissionCalculator;
import io.iotaj.clasp.emission.EmissionHistory;
import io.iotaj.clasp.emission.EmissionWindow;
import io.iotaj.clasp.ledger.ChroniclePathwayLedger;
import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import io.iotaj.codecs.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code iotaj scores --dir DIR}: prints the CLASP emission history kept in {@code DIR/emissions}. With
 * {@code --fold} it first turns new records of the pathway ledger in {@code DIR/ledger} into emission
 * windows; {@code --simulate} first writes a synthetic ledger there (a run with planted adversaries).
 */
@Command(
    name = "scores",
    mixinStandardHelpOptions = true,
    description = "CLASP credits, flags and emission shares per window (DIR/ledger -> DIR/emissions).")
public final class ScoresCommand implements Runnable
{
    @Mixin
    VerboseOption verbose;

    @Option(names = "--dir", required = true, description = "Directory holding ledger/ and emissions/.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    boolean json;

    @Option(names = "--windows", defaultValue = "1", description = "How many recent windows to print (default 1).")
    int windows;

    @Option(names = "--fold", description = "Fold new ledger records into emission windows first.")
    boolean fold;

    @Option(names = "--estimator", defaultValue = "interaction",
        description = "Estimator for --fold: marginal, additive or interaction (default interaction).")
    String estimator;

    @Option(names = "--window-records", defaultValue = "500", description = "Ledger records per window.")
    int windowRecords;

    @Option(names = "--lookback", defaultValue = "2000", description = "Records behind each window's credits.")
    int lookback;

    @Option(names = "--simulate", description = "Write a synthetic ledger into DIR/ledger first (implies --fold).")
    boolean simulate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --simulate.")
    long seed;

    @Option(names = "--samples", defaultValue = "2000", description = "Samples for --simulate.")
    int samples;

    @Option(names = "--stages", defaultValue = "4", description = "Stages for --simulate.")
    int stages;

    @Option(names = "--replicas", defaultValue = "8", description = "Replicas per stage for --simulate.")
    int replicas;

    @Option(names = "--adversaries", defaultValue = "noise:2,lazy:1,stale:1,pair:1",
        description = "Planted adversaries for --simulate (kind:count, kinds noise, lazy, stale, pair).")
    String adversaries;

    @Override
    public void run()
    {
        if (windows < 1)
        {
            throw new IllegalArgumentException("--windows must be at least 1");
        }
        final Path ledgerDir = dir.resolve("ledger");
        final Path emissionsDir = dir.resolve("emissions");
        if (simulate)
        {
            writeSyntheticLedger(ledgerDir);
        }
        if (simulate || fold)
        {
            foldLedger(ledgerDir, emissionsDir);
        }
        if (!Files.isDirectory(emissionsDir))
        {
            throw new IllegalArgumentException("no emission history in " + dir +
                " (expected " + dir.resolve("emissions") + "; run with --fold or --simulate)");
        }
        final List<EmissionWindow> recent;
        final long malformed;
        try (EmissionHistory history = new EmissionHistory(emissionsDir))
        {
            recent = history.last(windows);
            malformed = history.malformed();
        }
        if (recent.isEmpty())
        {
            throw new IllegalArgumentException("the emission history in " + dir + " has no windows yet");
        }
        if (json)
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("windows", recent.stream().map(EmissionWindow::toMap).toList());
            out.put("malformed", malformed);
            System.out.println(Json.write(out));
        }
        else
        {
            for (final EmissionWindow w : recent)
            {
                printTable(System.out, w);
            }
            if (malformed > 0)
            {
                System.out.println(malformed + " malformed history records skipped");
            }
        }
    }

    private void writeSyntheticLedger(final Path ledgerDir)
    {
        if (ChroniclePathwayLedger.stagesOf(ledgerDir) >= 0)
        {
            throw new IllegalArgumentException(
                "--simulate needs a fresh directory; " + ledgerDir + " already holds a ledger");
        }
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings()
            .stages(stages).replicas(replicas).samples(samples).seed(seed)
            .adversaries(AdversaryMix.parse(adversaries)));
        try (PathwayLedger ledger = new ChroniclePathwayLedger(ledgerDir, stages))
        {
            swarm.generate(ledger::append);
        }
        final StringBuilder planted = new StringBuilder();
        for (int id = 0; id < swarm.miners(); id++)
        {
            if (swarm.adversary(id))
            {
                planted.append(planted.length() == 0 ? "" : ", ").append(id).append('=')
                    .append(swarm.behaviour(id).label());
            }
        }
        System.err.println("iotaj: wrote " + samples + " synthetic records; planted " +
            (planted.length() == 0 ? "none" : planted));
    }

    private void foldLedger(final Path ledgerDir, final Path emissionsDir)
    {
        final int ledgerStages = ChroniclePathwayLedger.stagesOf(ledgerDir);
        if (ledgerStages < 1)
        {
            throw new IllegalArgumentException("no pathway ledger in " + ledgerDir);
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(ledgerDir, ledgerStages);
            EmissionHistory history = new EmissionHistory(emissionsDir))
        {
            final ClaspAccountant accountant = new ClaspAccountant(ledger, ClaspEstimators.byName(estimator),
                ClaspEstimators.detector(),
                new EmissionCalculator(ClaspConfiguration.EMA_ALPHA, ClaspConfiguration.BURN_SHARE,
                    ClaspConfiguration.QUALITY_SHARPNESS),
                history, windowRecords, lookback);
            final int folded = accountant.fold();
            if (folded > 0)
            {
                System.err.print(accountant.lastDetection().describe());
            }
            System.err.println("iotaj: folded " + folded + " window(s); ledger position " + accountant.position() +
                " of " + ledger.size() + (ledger.rejected() > 0 ? ", " + ledger.rejected() + " bad records" : ""));
        }
    }

    private static void printTable(final PrintStream out, final EmissionWindow w)
    {
        out.printf("window %d  records [%d, %d)  steps [%d, %d)  estimator %s  burn %.4f%n",
            w.window, w.fromPosition, w.toPosition, w.fromStep, w.toStep, w.estimator, w.burn);
        out.printf("%6s %5s %7s %9s %7s %7s %8s%n", "miner", "stage", "work", "credit", "quality", "flagged", "share");
        for (int i = 0; i < w.miners(); i++)
        {
            out.printf("%6d %5d %7d %9s %7.3f %7s %8.4f%n", w.minerId(i), w.stage(i), w.work(i),
                Double.isNaN(w.credit(i)) ? "-" : String.format("%+.4f", w.credit(i)), w.quality(i),
                w.excluded(i) ? "yes" : "", w.share(i));
        }
    }
}
