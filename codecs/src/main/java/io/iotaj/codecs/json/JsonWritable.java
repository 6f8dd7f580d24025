package io.iotaj.codecs.json;

/** A value that knows how to present itself as JSON (a Map, List, String, Number...). */
@FunctionalInterface
public interface JsonWritable
{
    Object toJson();
}
