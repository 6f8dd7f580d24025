package io.iotaj.codecs;

/**
 * Why a frame was refused. Validators return one of these instead of throwing, so a receive loop can count
 * the reason and carry on. {@link #NONE} means the frame was accepted.
 */
public enum RejectReason
{
    NONE("accepted"),
    TRUNCATED("shorter than its header, block or a group header"),
    WRONG_SCHEMA("schema id is not IOTA-J's"),
    WRONG_VERSION("schema version not understood"),
    UNKNOWN_TEMPLATE("template id not in the schema"),
    BAD_BLOCK_LENGTH("block length differs from the schema's"),
    BAD_GROUP_BLOCK_LENGTH("group block length differs from the schema's"),
    BAD_GROUP_COUNT("group count above the limit"),
    GROUP_PAST_END("group entries run past the frame"),
    VAR_DATA_PAST_END("variable-length data runs past the frame"),
    TRAILING_BYTES("bytes left over after the last field"),
    BAD_ENUM("enum value not in the schema"),
    BAD_SHAPE("payload length or row scales disagree with the declared shape"),
    BAD_CRC("payload CRC32C mismatch"),
    NON_FINITE("NaN or infinity in a float field or payload"),
    NOT_CONTROL("envelope body is not a control message"),
    UNSIGNED_CONTROL("control message outside a signed envelope"),
    UNKNOWN_SENDER("no public key registered for the sender"),
    BAD_SIGNATURE("Ed25519 signature does not verify"),
    REPLAYED_SEQUENCE("sequence not above the sender's last one");

    private static final RejectReason[] VALUES = values();

    private final String description;

    RejectReason(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }

    /** Reason by ordinal without allocating a values() copy. */
    public static RejectReason get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public static int count()
    {
        return VALUES.length;
    }
}
