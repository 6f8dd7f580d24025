package io.iotaj.tools;

import io.iotaj.runtime.swarm.SwarmRun;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A swarm run's live line on stderr: step, loss, tokens/s, live miners, phase. */
final class SwarmProgress implements SwarmRun.Progress, AutoCloseable
{
    private final ProgressBar bar;

    SwarmProgress(final String task, final int steps)
    {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void update(final int step, final double lastLoss, final int alive, final String phase,
        final double tokensPerSecond)
    {
        bar.stepTo(step);
        bar.setExtraMessage(String.format("loss %.4f  %,.0f tok/s  miners %d  %s", lastLoss, tokensPerSecond, alive, phase));
    }

    void finish(final int steps)
    {
        bar.stepTo(steps);
    }

    @Override
    public void close()
    {
        bar.close();
    }
}
