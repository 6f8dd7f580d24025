package io.iotaj.transport.allreduce;

/** The all-reduce algorithms, both over {@link ChunkExchange}. */
public enum Algorithm
{
    /** IOTA's pairwise partition: every chunk reduced by a pair of peers, copies cross-checked. */
    BUTTERFLY,
    /** The classic ring all-reduce, the bandwidth-optimal baseline without redundancy. */
    RING
}
