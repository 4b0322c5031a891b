package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.vectors.examples.Structure;

/**
 * A positive vector as built, with what negative vectors derive from it.
 *
 * @param name the vector's path without {@code .json}
 * @param structure the structure
 * @param json the Examples document
 * @param output the encoded message
 * @param protectedBytes the body's serialized protected bucket
 */
record Built(
    String name, Structure structure, ObjectNode json, byte[] output, byte[] protectedBytes) {}
