package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated vector: where it goes and its Examples JSON.
 *
 * @param path the path under the output folder, with {@code /} separators and {@code .json}
 * @param json the document
 */
public record Vector(String path, ObjectNode json) {}
