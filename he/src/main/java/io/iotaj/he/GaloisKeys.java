package io.iotaj.he;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Key-switching keys for slot rotations, by rotation step (left rotation in [1, slots)). */
public final class GaloisKeys
{
    private final Map<Integer, KeySwitchKey> byStep;

    GaloisKeys(final Map<Integer, KeySwitchKey> byStep)
    {
        this.byStep = Collections.unmodifiableMap(new TreeMap<>(byStep));
    }

    public boolean has(final int step)
    {
        return byStep.containsKey(step);
    }

    KeySwitchKey key(final int step)
    {
        final KeySwitchKey key = byStep.get(step);
        if (key == null)
        {
            throw new IllegalArgumentException("no Galois key for rotation step " + step + "; keys exist for " +
                byStep.keySet());
        }
        return key;
    }

    Map<Integer, KeySwitchKey> all()
    {
        return byStep;
    }

    public int count()
    {
        return byStep.size();
    }
}
